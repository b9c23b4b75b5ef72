"""``lotse eakte-demo-server``: the stand-in of a legacy e-file application (samples/eakte)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from lotse.cli.console import console, errors


def eakte_demo_server(
    # The port of LOTSE_EAKTE_URL's default: the robot finds the stand-in without settings.
    port: Annotated[int, typer.Option("--port", help="Port.")] = 8090,
    host: Annotated[str, typer.Option("--host", help="Adresse.")] = "127.0.0.1",
    data: Annotated[
        Path | None,
        typer.Option(
            "--data", help="Datenverzeichnis der E-Akte (Standard: LOTSE_DATA_DIR/eakte-demo)."
        ),
    ] = None,
    langsam: Annotated[
        float,
        typer.Option("--langsam", min=0.0, max=1.0, help="Anteil langsamer Seiten (0 bis 1)."),
    ] = 0.0,
    langsam_sekunden: Annotated[
        float,
        typer.Option("--langsam-sekunden", min=0.0, help="So lange antwortet eine langsame Seite."),
    ] = 2.0,
    hinweis: Annotated[
        float,
        typer.Option(
            "--hinweis", min=0.0, max=1.0, help="Anteil der Seiten mit einem Hinweis-Dialog."
        ),
    ] = 0.0,
    ids: Annotated[
        str, typer.Option("--ids", help="Feld-Ids und -Namen: v1, v2 oder zufall.")
    ] = "v1",
    sitzung_sekunden: Annotated[
        float,
        typer.Option(
            "--sitzung-sekunden", min=0.001, help="Sitzung endet nach so vielen Sekunden Ruhe."
        ),
    ] = 900.0,
    benutzer: Annotated[
        str, typer.Option("--benutzer", help="Benutzerkennung.")
    ] = "poststelle-roboter",
    kennwort: Annotated[str, typer.Option("--kennwort", help="Kennwort.")] = "Ablage!2026",
    seed: Annotated[
        int | None, typer.Option("--seed", help="Zufall der Eigenheiten wiederholbar machen.")
    ] = None,
) -> None:
    """Startet eine Nachbildung einer alten E-Akte (DMS) für den Ablage-Roboter.

    Eine eigene kleine Webanwendung, unabhängig von der Lotse-Weboberfläche; langsame
    Seiten, ablaufende Sitzungen, Hinweis-Dialoge und wechselnde Feld-Ids lassen sich
    einschalten. Strg+C beendet sie.
    """
    import uvicorn
    from pydantic import ValidationError

    try:
        from eakte import StandInConfig, create_app
    except ImportError:  # an installed Lotse: the stand-in lives in the checkout only
        errors.print(
            "[red]Die Vorführ-E-Akte (samples/eakte) gehört nicht zum installierten Paket; "
            "sie läuft nur im Quellbaum (make demo).[/]"
        )
        raise typer.Exit(2) from None
    from lotse.serving import port_is_free
    from lotse.settings import get_settings

    if ids not in ("v1", "v2", "zufall"):
        errors.print(f"[red]Unbekanntes Id-Schema „{escape(ids)}“; möglich sind v1, v2, zufall.[/]")
        raise typer.Exit(2)
    data_dir = data or get_settings().data_dir / "eakte-demo"
    try:
        config = StandInConfig(
            data_dir=data_dir,
            benutzer=benutzer,
            kennwort=kennwort,
            langsam=langsam,
            langsam_sekunden=langsam_sekunden,
            hinweis=hinweis,
            ids=ids,  # type: ignore[arg-type]  # checked above
            sitzung_sekunden=sitzung_sekunden,
            seed=seed,
        )
    except ValidationError as exc:
        errors.print(f"[red]Ungültige Einstellung: {escape(str(exc))}[/]")
        raise typer.Exit(2) from None
    if not port_is_free(host, port):
        errors.print(f"[red]Port {port} auf {escape(host)} ist belegt; bitte --port ändern.[/]")
        raise typer.Exit(1)
    app = create_app(config)
    console.print(f"E-Akte (Nachbildung) läuft auf [bold]http://{escape(host)}:{port}/[/]")
    console.print(
        f"Anmeldung: Benutzerkennung [bold]{escape(benutzer)}[/], "
        f"Kennwort [bold]{escape(kennwort)}[/]"
    )
    console.print(f"Daten: {escape(str(data_dir))} (beenden mit Strg+C)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
