"""``poststelle-lernen``: retrain the mailroom's classifier when decisions changed; report quality."""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from flows.context import lotse_app
from flows.forms import parameter
from robots.suggestions import (
    held_out_lines,
    quality,
    quality_rows,
    retrain,
    without_department_line,
)


@flow(
    name="poststelle-lernen",
    description="Lernt aus den Entscheidungen der Poststelle (nur wenn neue dazukamen) und "
    "berichtet Genauigkeit und Abdeckung je Amt.",
    log_prints=False,
)
def learning_flow(
    immer: bool = parameter("Immer neu lernen", "Auch ohne neue Entscheidungen neu lernen.", False),
) -> str:
    """Das gelernte Modell der Poststelle auffrischen."""
    logger = get_run_logger()
    app = lotse_app()
    with app.db.session() as session:
        result = retrain(session, force=immer)
    logger.info(result.message)
    with app.db.read_session() as session:
        report = quality(session)
    create_table_artifact(
        quality_rows(report),
        key="poststelle-qualitaet",
        description="Genauigkeit und Abdeckung je Amt: Regeln, gelerntes Modell, Menschen.",
    )
    create_markdown_artifact(
        "# Poststelle: gelerntes Modell\n\n"
        + "\n".join(
            f"- {line}"
            for line in [result.message, without_department_line(report), *held_out_lines(report)]
            if line
        )
        + "\n",
        key="poststelle-modell",
        description="Was das Modell auf zurückgehaltenen Entscheidungen erreicht.",
    )
    return result.message
