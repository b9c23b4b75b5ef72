"""lotse"""
