from pathlib import Path

import pytest

from corridor_ie.config import PipelineConfig, load_pipeline
from corridor_ie.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", sorted((REPO / "pipelines").glob("*.toml")), ids=lambda p: p.name)
def test_shipped_pipelines_validate(path):
    cfg = load_pipeline(path)
    assert isinstance(cfg, PipelineConfig) and cfg.stages
    for g in cfg.stage_options("tag").gazetteers:
        assert cfg.resolve(g).exists()


def test_unknown_key_is_an_error_with_file_and_line(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text('name = "x"\nstages = ["read"]\n\n[tag]\nfuzzy_treshold = 80\n', encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_pipeline(p)
    assert str(e.value).startswith(f"{p}:5: tag.fuzzy_treshold: Extra inputs are not permitted")


def test_bad_toml_reports_line(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text('name = "x"\nstages = [\n', encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_pipeline(p)
    assert "not valid TOML" in str(e.value) and str(p) in str(e.value)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot read pipeline file"):
        load_pipeline(tmp_path / "nope.toml")


def test_unknown_stage_rejected(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text('name = "x"\nstages = ["read", "exec"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="stages"):
        load_pipeline(p)
