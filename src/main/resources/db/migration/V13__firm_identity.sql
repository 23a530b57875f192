-- The firm's own identity: one row, what the pages and every e-mail show of the firm. A new firm starts neutral
-- ("Messages", no logo, the default colour); the demo data, never the code, gives the demo firm its identity.
create table firm_identity (
    id boolean primary key default true check (id),
    name varchar(100) not null,
    brand_colour char(7) not null check (brand_colour ~ '^#[0-9a-f]{6}$'),
    contact_email varchar(254) not null default '',
    legal_footer varchar(1000) not null default '',
    -- The logo as re-encoded by the application (PNG, pixels only), never the uploaded file.
    logo_png bytea,
    logo_version integer not null default 0,
    updated_at timestamptz not null default now()
);

insert into firm_identity (name, brand_colour) values ('Messages', '#1f4e79');
