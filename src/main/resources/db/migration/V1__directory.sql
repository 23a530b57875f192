-- Directory: companies, people (collaborators and clients), memberships, favourites, invitations.
create table company (
  id          uuid primary key,
  external_id varchar(100) not null,
  name        varchar(200) not null,
  created_at  timestamptz  not null default now(),
  constraint company_external_id_unique unique (external_id)
);
create index company_name_idx on company (lower(name));

create table person (
  id                  uuid primary key,
  email               varchar(320) not null,
  name                varchar(200) not null,
  kind                varchar(20)  not null check (kind in ('COLLABORATOR', 'CLIENT')),
  admin               boolean      not null default false,
  active              boolean      not null default true,
  password_hash       varchar(200),
  language            varchar(5)   not null default 'fr',
  email_notifications boolean      not null default true,
  created_at          timestamptz  not null default now(),
  constraint person_admin_is_collaborator check (kind = 'COLLABORATOR' or not admin)
);
create unique index person_email_unique on person (lower(email));

create table membership (
  person_id  uuid not null references person (id) on delete cascade,
  company_id uuid not null references company (id) on delete cascade,
  primary key (person_id, company_id)
);
create index membership_company_idx on membership (company_id);

create table favourite (
  person_id  uuid not null references person (id) on delete cascade,
  company_id uuid not null references company (id) on delete cascade,
  primary key (person_id, company_id)
);
create index favourite_company_idx on favourite (company_id);

create table invitation (
  id         uuid primary key,
  token_hash varchar(64) not null unique,
  person_id  uuid        not null references person (id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at    timestamptz
);
create index invitation_person_idx on invitation (person_id);

-- Failed sign-ins, per account and per address, shared by every instance.
create table login_failure (
  throttle_key varchar(400) primary key,
  failures     int         not null,
  last_failure timestamptz not null
);

create table audit_entry (
  id         bigserial primary key,
  at         timestamptz  not null default now(),
  actor_id   uuid,
  action     varchar(60)  not null,
  target     varchar(400),
  details    varchar(2000)
);
create index audit_entry_at_idx on audit_entry (at desc);

-- Spring Session JDBC (sessions shared by every instance).
create table spring_session (
  primary_id            char(36)     not null,
  session_id            char(36)     not null,
  creation_time         bigint       not null,
  last_access_time      bigint       not null,
  max_inactive_interval int          not null,
  expiry_time           bigint       not null,
  principal_name        varchar(320),
  constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
  session_primary_id char(36)     not null,
  attribute_name     varchar(200) not null,
  attribute_bytes    bytea        not null,
  constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
  constraint spring_session_attributes_fk foreign key (session_primary_id) references spring_session (primary_id) on delete cascade
);

-- Personal access tokens for the JSON API; only the hash of a token is kept.
create table access_token (
  id           uuid primary key,
  person_id    uuid         not null references person (id) on delete cascade,
  name         varchar(100) not null,
  token_hash   varchar(64)  not null unique,
  created_at   timestamptz  not null,
  last_used_at timestamptz,
  revoked_at   timestamptz
);
create index access_token_person_idx on access_token (person_id);
