extension RegistryMigration {
    /// Version 1: the records (the exact lines of the file format, hash-chained), the chain's head and the counters.
    ///
    /// Roles: the owner runs migrations. A line process or the service needs only
    ///   GRANT SELECT, INSERT ON tracelabel_records;
    ///   GRANT SELECT, UPDATE ON tracelabel_head;
    ///   GRANT SELECT, INSERT, UPDATE ON tracelabel_counters;
    ///   GRANT SELECT ON tracelabel_migrations;
    /// and never UPDATE or DELETE on records, which a trigger refuses to everyone but a superuser who disables it —
    /// and such an edit breaks the hash chain, which `verify` names.
    static let migration0001 = RegistryMigration(version: 1, name: "records, head and counters", statements: [
    """
    CREATE TABLE tracelabel_records (
        seq  bigint PRIMARY KEY CHECK (seq >= 0),
        line text   NOT NULL,
        hash text   NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
    )
    """,
    """
    CREATE TABLE tracelabel_head (
        id   smallint PRIMARY KEY CHECK (id = 1),
        seq  bigint   NOT NULL CHECK (seq >= 0),
        hash text     NOT NULL
    )
    """,
    "INSERT INTO tracelabel_head (id, seq, hash) VALUES (1, 0, repeat('0', 64))",
    """
    CREATE TABLE tracelabel_counters (
        namespace text   PRIMARY KEY,
        next      bigint NOT NULL CHECK (next >= 1)
    )
    """,
    """
    CREATE FUNCTION tracelabel_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'tracelabel registry records are append-only (% refused)', TG_OP;
    END $$
    """,
    """
    CREATE TRIGGER tracelabel_records_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON tracelabel_records
        FOR EACH STATEMENT EXECUTE FUNCTION tracelabel_records_append_only()
    """,
    ])
}
