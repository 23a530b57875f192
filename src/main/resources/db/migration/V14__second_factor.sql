-- Two-step sign-in. Who must give a second factor after the password is a setting of the firm; a new firm asks it of
-- its administrators and collaborators. The demo data, never this migration, sets the demo firm to 'none'.
alter table firm_identity
    add column second_factor varchar(16) not null default 'collaborators'
        check (second_factor in ('none', 'administrators', 'collaborators', 'everyone'));

-- The e-mail code of a person's sign-in in progress: one at a time, stored as a hash, valid until expires_at. Wrong
-- tries are counted on the row; a new code requested while the previous one is still valid keeps the count, so that
-- asking again does not give more tries.
create table sign_in_code (
    person_id uuid primary key references person (id) on delete cascade,
    code_hash varchar(64) not null,
    expires_at timestamptz not null,
    failed_tries integer not null default 0
);

-- Passkeys, in the tables and columns that Spring Security's JdbcPublicKeyCredentialUserEntityRepository and
-- JdbcUserCredentialRepository read and write (several instances share them). user_entities.name is the person's
-- sign-in e-mail.
create table user_entities (
    id varchar(1000) primary key,
    name varchar(254) not null unique,
    display_name varchar(200)
);

create table user_credentials (
    credential_id varchar(1000) primary key,
    user_entity_user_id varchar(1000) not null references user_entities (id) on delete cascade,
    public_key bytea not null,
    signature_count bigint,
    uv_initialized boolean,
    backup_eligible boolean not null,
    authenticator_transports varchar(1000),
    public_key_credential_type varchar(100),
    backup_state boolean not null,
    attestation_object bytea,
    attestation_client_data_json bytea,
    created timestamp,
    last_used timestamp,
    label varchar(1000) not null
);

create index user_credentials_by_user on user_credentials (user_entity_user_id);
