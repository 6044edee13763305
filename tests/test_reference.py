"""``dashboard.store.reference.context_figures``: columns, sources, and a cache that cannot leak."""

from __future__ import annotations

import os
import shutil

import pandas as pd
import pytest

from dashboard.store.reference import (
    CONTEXT_COLUMNS,
    DATA_DIR,
    ReferenceDataError,
    context_figures,
)

SHIPPED = DATA_DIR / "context_figures.csv"


@pytest.fixture
def own_copy(tmp_path):
    """A private copy of the shipped file, safe to edit."""
    path = tmp_path / "context_figures.csv"
    shutil.copyfile(SHIPPED, path)
    return path


def _touch_later(path, seconds: int = 10) -> None:
    """Move the modification time forward, as a later edit would."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 1_000_000_000))


def test_columns_and_types():
    figures = context_figures()
    assert tuple(figures.columns) == CONTEXT_COLUMNS
    assert figures["value"].dtype == "float64"
    assert figures["value"].notna().all()
    assert figures["figure_id"].is_unique
    assert len(figures) >= 40


def test_every_figure_has_a_source_with_a_web_address():
    figures = context_figures()
    assert (figures["source"].str.strip() != "").all()
    cited = figures["source"].str.contains(r"https?://", regex=True)
    assert cited.all(), figures.loc[~cited, "figure_id"].tolist()
    assert not figures["source"].str.contains("seeds/", regex=False).any()


def test_every_figure_is_labelled_in_both_languages():
    figures = context_figures()
    assert (figures["label_en"].str.strip() != "").all()
    assert (figures["label_zh"].str.strip() != "").all()


def test_cached_calls_return_equal_frames_but_never_the_same_object():
    first, second = context_figures(), context_figures()
    pd.testing.assert_frame_equal(first, second)
    assert first is not second


def test_mutating_the_returned_frame_does_not_leak_into_the_cache():
    original = context_figures()
    mutated = context_figures()
    mutated.loc[0, "value"] = -1.0
    mutated.loc[0, "label_en"] = "changed"
    del mutated["note"]
    mutated.attrs["touched"] = True
    fresh = context_figures()
    pd.testing.assert_frame_equal(fresh, original)
    assert "touched" not in fresh.attrs


def test_an_edited_file_is_picked_up_without_a_restart(own_copy):
    before = context_figures(own_copy)
    text = own_copy.read_text(encoding="utf-8")
    own_copy.write_text(text.replace("logistics-hub-types,", "logistics-hub-kinds,"), "utf-8")
    _touch_later(own_copy)
    after = context_figures(own_copy)
    assert "logistics-hub-types" in set(before["figure_id"])
    assert "logistics-hub-kinds" in set(after["figure_id"])
    assert "logistics-hub-types" not in set(after["figure_id"])


def test_a_missing_column_is_an_error(own_copy):
    frame = pd.read_csv(own_copy, dtype=str, keep_default_na=False)
    frame.drop(columns=["source"]).to_csv(own_copy, index=False)
    with pytest.raises(ReferenceDataError, match="source"):
        context_figures(own_copy)


def test_a_value_that_is_not_a_number_is_an_error(own_copy):
    frame = pd.read_csv(own_copy, dtype=str, keep_default_na=False)
    frame.loc[0, "value"] = "over 178"
    frame.to_csv(own_copy, index=False)
    with pytest.raises(ReferenceDataError, match=frame.loc[0, "figure_id"]):
        context_figures(own_copy)


@pytest.mark.parametrize(
    ("column", "value"),
    [("qualifier", "roughly"), ("date_approximate", "maybe"), ("year_on_year_percent", "72%")],
)
def test_a_flag_the_readme_does_not_allow_is_refused(own_copy, column, value):
    frame = pd.read_csv(own_copy, dtype=str, keep_default_na=False)
    frame.loc[0, column] = value
    frame.to_csv(own_copy, index=False)
    with pytest.raises(ReferenceDataError, match=frame.loc[0, "figure_id"]):
        context_figures(own_copy)


def test_the_flag_columns_agree_with_the_notes_that_explain_them():
    """The note says in words what the flags say (data/README.md): they must not drift apart."""
    figures = context_figures()
    lower_bound = figures["note"].str.contains("lower bound", regex=False)
    assert ((figures["qualifier"] == "over") == lower_bound).all()
    assert (
        (figures["date_approximate"] == "yes")
        == figures["note"].str.contains("date approximate", regex=False)
    ).all()
    for note, related in zip(figures["note"], figures["related_targets"], strict=True):
        assert all(target in note for target in related.split(";") if target)
