"""Schema versions: each migration is registered once, applied in order, recorded forever.

A later stage adds its tables with a new migration here (``@migration(2, "persons")``) rather
than creating them ad hoc, so every case on disk says exactly which shape it has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[duckdb.DuckDBPyConnection], None]


MIGRATIONS: list[Migration] = []


def migration(version: int, name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def register(apply: Callable[[duckdb.DuckDBPyConnection], None]) -> Callable[..., None]:
        if MIGRATIONS and MIGRATIONS[-1].version != version - 1:
            raise RuntimeError(f"migration {version} registered out of order")
        MIGRATIONS.append(Migration(version, name, apply))
        return apply

    return register


def latest_version() -> int:
    return MIGRATIONS[-1].version


@migration(1, "sources, records, import issues, audit log")
def _create_import_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        CREATE TABLE sources (
            source_id      INTEGER PRIMARY KEY,
            name           VARCHAR NOT NULL UNIQUE,
            kind           VARCHAR NOT NULL,
            compiled_by    VARCHAR,
            as_of          DATE,
            file_name      VARCHAR NOT NULL,
            file_sha256    VARCHAR NOT NULL,
            file_format    VARCHAR NOT NULL,
            encoding       VARCHAR,
            delimiter      VARCHAR,
            sheet          VARCHAR,
            columns        JSON NOT NULL,      -- the header exactly as read, in order
            column_fields  JSON NOT NULL,      -- header -> field it was mapped to
            id_column      VARCHAR,
            row_count      INTEGER NOT NULL,
            imported_at    TIMESTAMP NOT NULL,
            imported_by    VARCHAR NOT NULL
        );

        -- One row per input row, never deleted. A correction adds a new version.
        CREATE TABLE records (
            record_id              BIGINT NOT NULL,
            version                INTEGER NOT NULL DEFAULT 1,
            source_id              INTEGER NOT NULL,
            row_number             INTEGER NOT NULL,
            source_record_id       VARCHAR,
            raw                    JSON NOT NULL,
            full_name              VARCHAR,
            surname                VARCHAR,
            given                  VARCHAR,
            patronymic             VARCHAR,
            name_script            VARCHAR,
            surname_norm           VARCHAR,
            given_norm             VARCHAR,
            father_norm            VARCHAR,
            sex_from_name          VARCHAR,
            name_order             VARCHAR,
            sex                    VARCHAR,
            age_min                SMALLINT,
            age_max                SMALLINT,
            age_approximate        BOOLEAN,
            birth_date             DATE,
            birth_date_precision   VARCHAR,
            death_date             DATE,
            death_date_precision   VARCHAR,
            place                  VARCHAR,
            place_id               VARCHAR,
            region                 VARCHAR,
            circumstances          VARCHAR,
            status                 VARCHAR,
            perpetrator            VARCHAR,
            PRIMARY KEY (record_id, version)
        );

        CREATE TABLE import_issues (
            source_id   INTEGER NOT NULL,
            row_number  INTEGER NOT NULL,
            record_id   BIGINT,
            field       VARCHAR,
            column_name VARCHAR,
            severity    VARCHAR NOT NULL,   -- 'error': value kept as written, not parsed; 'warning'
            message     VARCHAR NOT NULL
        );

        -- Who did what, when. Never holds a victim's or witness's name.
        CREATE TABLE audit_log (
            occurred_at TIMESTAMP NOT NULL,
            actor   VARCHAR NOT NULL,
            action  VARCHAR NOT NULL,
            details JSON
        );
        """
    )


@migration(2, "linkage runs, scored pairs, pair decisions, persons")
def _create_linkage_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        -- One row per `undercount link`: everything needed to say how the persons were made.
        CREATE TABLE linkage_runs (
            run_id           INTEGER PRIMARY KEY,
            started_at       TIMESTAMP NOT NULL,
            finished_at      TIMESTAMP NOT NULL,
            actor            VARCHAR NOT NULL,
            engine           VARCHAR NOT NULL,
            seed             BIGINT NOT NULL,
            threshold        DOUBLE NOT NULL,
            records          BIGINT NOT NULL,
            pairs_kept       BIGINT NOT NULL,  -- scored pairs at or above the floor
            persons          BIGINT NOT NULL,
            settings         JSON NOT NULL,   -- comparisons, blocking rules, clustering options
            model            JSON NOT NULL,   -- the trained Splink model, reloadable
            versions         JSON NOT NULL    -- undercount, splink, duckdb (and pyspark)
        );

        -- The latest run's scored pairs above the prediction floor (record_id_l < record_id_r).
        CREATE TABLE pair_scores (
            run_id             INTEGER NOT NULL,
            record_id_l        BIGINT NOT NULL,
            record_id_r        BIGINT NOT NULL,
            match_weight       DOUBLE NOT NULL,
            match_probability  DOUBLE NOT NULL,
            evidence           JSON            -- per comparison: level and weight
        );

        -- Human decisions, append-only: the latest one per pair is in force.
        CREATE TABLE pair_decisions (
            record_id_l        BIGINT NOT NULL,
            record_id_r        BIGINT NOT NULL,
            decision           VARCHAR NOT NULL
                               CHECK (decision IN ('match', 'non-match', 'unsure')),
            reviewer           VARCHAR NOT NULL,
            decided_at         TIMESTAMP NOT NULL,
            model_probability  DOUBLE,
            note               VARCHAR,
            CHECK (record_id_l < record_id_r)
        );

        -- Every person id ever issued; retired ones stay so an id is never reused.
        CREATE TABLE persons (
            person_id    BIGINT PRIMARY KEY,
            created_run  INTEGER NOT NULL,
            retired_run  INTEGER,
            records      INTEGER NOT NULL
        );

        -- The current assignment of each record to a person.
        CREATE TABLE person_records (
            record_id  BIGINT PRIMARY KEY,
            person_id  BIGINT NOT NULL
        );
        """
    )


@migration(3, "claims")
def _create_claims_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        -- Published figures, append-only: a newer figure or a correction is a new row.
        CREATE TABLE claims (
            claim_id       INTEGER PRIMARY KEY,
            claimant       VARCHAR NOT NULL,
            claimant_kind  VARCHAR NOT NULL,
            published_on   DATE NOT NULL,
            figure         BIGINT NOT NULL CHECK (figure >= 0),
            qualifier      VARCHAR NOT NULL,
            counted        VARCHAR NOT NULL,
            scope          VARCHAR,
            subgroups      JSON NOT NULL,     -- {"law-enforcement": 19, ...}, parts of the figure
            url            VARCHAR,
            quote          VARCHAR,
            supersedes     INTEGER,           -- the claim this one corrects, if any
            entered_by     VARCHAR NOT NULL,
            entered_at     TIMESTAMP NOT NULL
        );
        """
    )


@migration(4, "estimates")
def _create_estimates_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        -- One row per stratum per `undercount estimate` run; stratum '' is the total.
        CREATE TABLE estimates (
            run_id          INTEGER NOT NULL,
            created_at      TIMESTAMP NOT NULL,
            actor           VARCHAR NOT NULL,
            method          VARCHAR NOT NULL,
            stratum_field   VARCHAR,           -- NULL when not stratified
            stratum         VARCHAR NOT NULL,
            documented      BIGINT NOT NULL,   -- people on at least one list: the floor
            n_hat           DOUBLE,            -- NULL when the stratum was refused
            lower           DOUBLE,
            upper           DOUBLE,
            level           DOUBLE NOT NULL,
            model           VARCHAR,
            refused         VARCHAR,           -- why no estimate could be made, in plain words
            warnings        JSON NOT NULL,
            lists           JSON NOT NULL,     -- the lists, in capture-history order
            histories       JSON NOT NULL,     -- {"1010": count}: the exact table estimated from
            histories_sha256 VARCHAR NOT NULL,
            draws_summary   JSON,              -- posterior quantiles (Bayesian methods)
            parameters      JSON NOT NULL,     -- seed, options
            diagnostics     JSON,
            linkage_run_id  INTEGER
        );
        """
    )
