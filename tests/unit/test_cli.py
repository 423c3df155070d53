"""The CLI: one-line config errors, offline enrich that survives bad input, helpful --help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEED
from workers.cli import main


def test_invalid_configuration_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--metrics-port", "not-a-port"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "EVENT_WORKER_METRICS_PORT" in err[0]


@pytest.mark.parametrize("command", ["run", "enrich", "produce", "show", "create-topics", "schemas"])
def test_every_subcommand_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    assert "usage: event-worker" in capsys.readouterr().out


def test_enrich_reports_bad_lines_goes_on_and_exits_nonzero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        "\n".join(
            [
                json.dumps({"id": "ok-1", "text": "Two people were killed in Paris on Monday."}),
                "{broken",
                json.dumps({"id": "no-text"}),
                json.dumps({"id": "ok-2", "text": "قتل ثلاثة أشخاص في بغداد."}),
            ]
        ),
        encoding="utf-8",
    )
    assert main(["enrich", "--published-at", "2025-04-30", str(batch), str(tmp_path / "missing.txt")]) == 1
    captured = capsys.readouterr()
    outputs = [json.loads(line) for line in captured.out.splitlines()]
    assert [output["article_id"] for output in outputs] == ["ok-1", "ok-2"]
    assert [output["language"] for output in outputs] == ["en", "ar"]
    errors = captured.err.strip().splitlines()
    assert len(errors) == 3
    assert f"{batch}:2: not JSON" in errors[0]
    assert f"{batch}:3: InvalidArticle" in errors[1]
    assert "missing.txt: cannot read" in errors[2]


def test_enrich_reads_a_text_file_with_its_stem_as_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["enrich", "--published-at", "2025-04-30", str(SEED)]) == 0
    output = json.loads(capsys.readouterr().out)
    assert output["article_id"] == SEED.stem
    assert output["published_at"].startswith("2025-04-30")
    assert output["text"] == SEED.read_text(encoding="utf-8")
