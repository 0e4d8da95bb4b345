-- Run once by the postgres image when its volume is new (deploy/compose.yaml):
-- the extensions the portal needs, in the public schema, where every site's
-- schema finds them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
