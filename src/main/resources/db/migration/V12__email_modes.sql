-- E-mail delivery modes, daily digests, one-click mute, reply by e-mail, exactly-once sending (notification module).

-- Each person's choice; no row means the default (GROUPED, 8 h, Europe/Paris).
create table email_preference (
  person_id  uuid        primary key references person (id),
  email_mode varchar(10) not null check (email_mode in ('IMMEDIATE', 'GROUPED', 'DAILY', 'NONE')),
  daily_hour smallint    not null default 8 check (daily_hour between 0 and 23),
  time_zone  varchar(64) not null default 'Europe/Paris',
  updated_at timestamptz not null
);
-- People who had turned e-mails off keep them off.
insert into email_preference (person_id, email_mode, updated_at)
select id, 'NONE', now() from person where not email_notifications;

-- The outbox learns modes and a two-step send: a row is claimed (SENDING, with a lease and the id of the e-mail it
-- goes out in), sent outside any transaction, then recorded SENT by a worker that retries the record, never the send.
alter table email_delivery drop constraint email_delivery_status_check;
alter table email_delivery
  add constraint email_delivery_status_check check (status in ('PENDING', 'SENDING', 'SENT', 'SKIPPED', 'FAILED')),
  add column mode          varchar(10) not null default 'IMMEDIATE' check (mode in ('IMMEDIATE', 'GROUPED')),
  add column email_id      uuid,
  add column claimed_until timestamptz;
drop index email_delivery_due_idx;
create index email_delivery_due_idx on email_delivery (next_attempt_at) where status = 'PENDING';
create index email_delivery_sending_idx on email_delivery (claimed_until) where status = 'SENDING';
create index email_delivery_group_idx on email_delivery (recipient_id, conversation_id) where status in ('PENDING', 'SENDING');
create index email_delivery_email_idx on email_delivery (email_id) where email_id is not null;

-- One daily digest per person and local day, sent with the same two steps.
create table email_digest (
  id              uuid primary key,
  person_id       uuid        not null references person (id),
  local_date      date        not null,
  status          varchar(10) not null default 'PENDING' check (status in ('PENDING', 'SENDING', 'SENT', 'SKIPPED', 'FAILED')),
  created_at      timestamptz not null,
  attempts        int         not null default 0,
  next_attempt_at timestamptz not null,
  claimed_until   timestamptz,
  sent_at         timestamptz,
  last_error      varchar(1000),
  constraint email_digest_person_day_unique unique (person_id, local_date)
);
create index email_digest_due_idx on email_digest (next_attempt_at) where status in ('PENDING', 'SENDING');

-- Secrets the notification module generates when none is configured (the HMAC key of reply addresses and mute links).
create table notification_secret (
  name       varchar(40) primary key,
  value      varchar(200) not null,
  created_at timestamptz  not null
);

-- Every e-mail read from the reply mailbox, by its Message-ID: recorded in the transaction that posts the reply, so that
-- a reply is posted once whatever the number of readers and failures.
create table inbound_email (
  message_key  varchar(300) primary key,
  received_at  timestamptz  not null,
  outcome      varchar(12)  not null check (outcome in ('POSTED', 'REFUSED', 'DROPPED')),
  reason       varchar(40),
  message_id   uuid references message (id),
  answered_at  timestamptz
);

-- The notification module's firm settings: one row.
create table notification_setting (
  id                         boolean primary key default true check (id),
  hide_confidential_subjects boolean     not null default true,
  updated_at                 timestamptz not null default now()
);
insert into notification_setting (id) values (true);
