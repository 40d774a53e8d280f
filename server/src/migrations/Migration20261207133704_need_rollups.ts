import { Migration } from '@mikro-orm/migrations';

export class Migration20261207133704_need_rollups extends Migration {
  override name = 'Migration20261207133704_need_rollups';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "need_count_rollup" ("id" serial primary key, "area_id" int not null, "status" text not null, "category" text not null, "urgency" text not null, "channel" text not null, "needs" int not null, "folded" boolean not null default false);`,
    );
    this.addSql(`create index "need_count_rollup_unfolded_idx" on "need_count_rollup" ("area_id") where not "folded";`);
    this.addSql(`create index "need_count_rollup_area_id_status_index" on "need_count_rollup" ("area_id", "status");`);

    this.addSql(
      `create table "need_day_rollup" ("id" serial primary key, "area_id" int not null, "child_id" int not null, "day" date not null, "total" int not null, "responded" int not null, "responded_in_time" int not null, "response_seconds" numeric(20,6) not null, "resolved" int not null, "rated" int not null, "satisfied" int not null, "folded" boolean not null default false);`,
    );
    this.addSql(`create index "need_day_rollup_unfolded_idx" on "need_day_rollup" ("area_id") where not "folded";`);
    this.addSql(
      `create index "need_day_rollup_area_id_day_index" on "need_day_rollup" ("area_id", "day") include ("child_id", "total", "responded", "responded_in_time", "response_seconds", "resolved", "rated", "satisfied");`,
    );

    this.addSql(
      `create index "need_grid_open_idx" on "need" ("grid_id", "created_at") include ("area_id", "responded_at", "respond_by", "due_at", "status", "category", "urgency", "channel") where (responded_at is null or due_at < '9999-12-31T00:00:00Z');`,
    );
    this.addSql(
      `create index "need_community_open_idx" on "need" ("community_id", "created_at") include ("grid_id", "responded_at", "respond_by", "due_at", "status", "category", "urgency", "channel") where (responded_at is null or due_at < '9999-12-31T00:00:00Z');`,
    );
    this.addSql(
      `create index "need_street_open_idx" on "need" ("street_id", "created_at") include ("community_id", "responded_at", "respond_by", "due_at", "status", "category", "urgency", "channel") where (responded_at is null or due_at < '9999-12-31T00:00:00Z');`,
    );
    this
      .addSql(`create or replace function "need_rollups_insert_fn"() returns trigger as $$ begin insert into need_day_rollup (area_id, child_id, day, total, responded, responded_in_time, response_seconds, resolved, rated, satisfied)
    select * from (
      select l.area_id, l.child_id, ((r.created_at at time zone 'UTC') + interval '8 hours')::date as day,
        sum(r.sign) as total, sum(r.sign * (r.responded_at is not null)::int) as responded, sum(r.sign * coalesce((r.responded_at <= r.respond_by)::int, 0)) as responded_in_time, sum(r.sign * coalesce(extract(epoch from r.responded_at - r.created_at), 0)) as response_seconds, sum(r.sign * (r.status in ('RESOLVED', 'CLOSED'))::int) as resolved, sum(r.sign * (r.rating is not null)::int) as rated, sum(r.sign * coalesce((r.rating >= 4)::int, 0)) as satisfied
      from (select 1 as sign, added.created_at, added.street_id, added.community_id, added.grid_id, added.area_id, added.status, added.category, added.urgency, added.channel, added.responded_at, added.respond_by, added.rating from added) r
      cross join lateral (values (r.street_id, coalesce(r.community_id, 0)), (r.community_id, coalesce(r.grid_id, 0))) l(area_id, child_id)
      where l.area_id is not null
      group by 1, 2, 3) d
    where (total, responded, responded_in_time, response_seconds, resolved, rated, satisfied) is distinct from (0, 0, 0, 0, 0, 0, 0);   insert into need_count_rollup (area_id, status, category, urgency, channel, needs)
    select l.area_id, r.status, r.category, r.urgency, r.channel, sum(r.sign)
      from (select 1 as sign, added.created_at, added.street_id, added.community_id, added.grid_id, added.area_id, added.status, added.category, added.urgency, added.channel, added.responded_at, added.respond_by, added.rating from added) r
      cross join lateral (values (r.street_id), (r.community_id), (r.grid_id)) l(area_id)
     where l.area_id is not null
     group by 1, 2, 3, 4, 5
    having sum(r.sign) <> 0; return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "rollups_insert" after insert on "need" referencing new table as added for each statement execute function "need_rollups_insert_fn"();`,
    );
    this
      .addSql(`create or replace function "need_rollups_delete_fn"() returns trigger as $$ begin insert into need_day_rollup (area_id, child_id, day, total, responded, responded_in_time, response_seconds, resolved, rated, satisfied)
    select * from (
      select l.area_id, l.child_id, ((r.created_at at time zone 'UTC') + interval '8 hours')::date as day,
        sum(r.sign) as total, sum(r.sign * (r.responded_at is not null)::int) as responded, sum(r.sign * coalesce((r.responded_at <= r.respond_by)::int, 0)) as responded_in_time, sum(r.sign * coalesce(extract(epoch from r.responded_at - r.created_at), 0)) as response_seconds, sum(r.sign * (r.status in ('RESOLVED', 'CLOSED'))::int) as resolved, sum(r.sign * (r.rating is not null)::int) as rated, sum(r.sign * coalesce((r.rating >= 4)::int, 0)) as satisfied
      from (select -1 as sign, removed.created_at, removed.street_id, removed.community_id, removed.grid_id, removed.area_id, removed.status, removed.category, removed.urgency, removed.channel, removed.responded_at, removed.respond_by, removed.rating from removed) r
      cross join lateral (values (r.street_id, coalesce(r.community_id, 0)), (r.community_id, coalesce(r.grid_id, 0))) l(area_id, child_id)
      where l.area_id is not null
      group by 1, 2, 3) d
    where (total, responded, responded_in_time, response_seconds, resolved, rated, satisfied) is distinct from (0, 0, 0, 0, 0, 0, 0);   insert into need_count_rollup (area_id, status, category, urgency, channel, needs)
    select l.area_id, r.status, r.category, r.urgency, r.channel, sum(r.sign)
      from (select -1 as sign, removed.created_at, removed.street_id, removed.community_id, removed.grid_id, removed.area_id, removed.status, removed.category, removed.urgency, removed.channel, removed.responded_at, removed.respond_by, removed.rating from removed) r
      cross join lateral (values (r.street_id), (r.community_id), (r.grid_id)) l(area_id)
     where l.area_id is not null
     group by 1, 2, 3, 4, 5
    having sum(r.sign) <> 0; return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "rollups_delete" after delete on "need" referencing old table as removed for each statement execute function "need_rollups_delete_fn"();`,
    );
    this
      .addSql(`create or replace function "need_rollups_update_fn"() returns trigger as $$ begin insert into need_day_rollup (area_id, child_id, day, total, responded, responded_in_time, response_seconds, resolved, rated, satisfied)
    select * from (
      select l.area_id, l.child_id, ((r.created_at at time zone 'UTC') + interval '8 hours')::date as day,
        sum(r.sign) as total, sum(r.sign * (r.responded_at is not null)::int) as responded, sum(r.sign * coalesce((r.responded_at <= r.respond_by)::int, 0)) as responded_in_time, sum(r.sign * coalesce(extract(epoch from r.responded_at - r.created_at), 0)) as response_seconds, sum(r.sign * (r.status in ('RESOLVED', 'CLOSED'))::int) as resolved, sum(r.sign * (r.rating is not null)::int) as rated, sum(r.sign * coalesce((r.rating >= 4)::int, 0)) as satisfied
      from (select -1 as sign, old.created_at, old.street_id, old.community_id, old.grid_id, old.area_id, old.status, old.category, old.urgency, old.channel, old.responded_at, old.respond_by, old.rating union all select 1 as sign, new.created_at, new.street_id, new.community_id, new.grid_id, new.area_id, new.status, new.category, new.urgency, new.channel, new.responded_at, new.respond_by, new.rating) r
      cross join lateral (values (r.street_id, coalesce(r.community_id, 0)), (r.community_id, coalesce(r.grid_id, 0))) l(area_id, child_id)
      where l.area_id is not null
      group by 1, 2, 3) d
    where (total, responded, responded_in_time, response_seconds, resolved, rated, satisfied) is distinct from (0, 0, 0, 0, 0, 0, 0);   insert into need_count_rollup (area_id, status, category, urgency, channel, needs)
    select l.area_id, r.status, r.category, r.urgency, r.channel, sum(r.sign)
      from (select -1 as sign, old.created_at, old.street_id, old.community_id, old.grid_id, old.area_id, old.status, old.category, old.urgency, old.channel, old.responded_at, old.respond_by, old.rating union all select 1 as sign, new.created_at, new.street_id, new.community_id, new.grid_id, new.area_id, new.status, new.category, new.urgency, new.channel, new.responded_at, new.respond_by, new.rating) r
      cross join lateral (values (r.street_id), (r.community_id), (r.grid_id)) l(area_id)
     where l.area_id is not null
     group by 1, 2, 3, 4, 5
    having sum(r.sign) <> 0; return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "rollups_update" after update on "need" for each row when ((old.created_at, old.street_id, old.community_id, old.grid_id, old.area_id, old.status, old.category, old.urgency, old.channel, old.responded_at, old.respond_by, old.rating) is distinct from (new.created_at, new.street_id, new.community_id, new.grid_id, new.area_id, new.status, new.category, new.urgency, new.channel, new.responded_at, new.respond_by, new.rating)) execute function "need_rollups_update_fn"();`,
    );
    // The rollups of the needs already there, one folded row per key (in key order, so an area's rows lie together).
    this
      .addSql(`insert into need_day_rollup (area_id, child_id, day, total, responded, responded_in_time, response_seconds, resolved, rated, satisfied, folded)
      select l.area_id, l.child_id, ((r.created_at at time zone 'UTC') + interval '8 hours')::date as day, count(*), count(r.responded_at),
        count(*) filter (where r.responded_at <= r.respond_by), coalesce(sum(extract(epoch from r.responded_at - r.created_at)), 0),
        count(*) filter (where r.status in ('RESOLVED', 'CLOSED')), count(r.rating), count(*) filter (where r.rating >= 4), true
        from need r
        cross join lateral (values (r.street_id, coalesce(r.community_id, 0)), (r.community_id, coalesce(r.grid_id, 0))) l(area_id, child_id)
       where l.area_id is not null
       group by 1, 2, 3 order by 1, 3, 2;`);
    this.addSql(`insert into need_count_rollup (area_id, status, category, urgency, channel, needs, folded)
      select l.area_id, r.status, r.category, r.urgency, r.channel, count(*), true
        from need r cross join lateral (values (r.street_id), (r.community_id), (r.grid_id)) l(area_id)
       where l.area_id is not null
       group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "need_count_rollup" cascade;`);
    this.addSql(`drop table if exists "need_day_rollup" cascade;`);

    this.addSql(`drop index "need_grid_open_idx";`);
    this.addSql(`drop index "need_community_open_idx";`);
    this.addSql(`drop index "need_street_open_idx";`);
    this.addSql(`drop trigger if exists "rollups_insert" on "need";`);
    this.addSql(`drop function if exists "need_rollups_insert_fn"();`);
    this.addSql(`drop trigger if exists "rollups_delete" on "need";`);
    this.addSql(`drop function if exists "need_rollups_delete_fn"();`);
    this.addSql(`drop trigger if exists "rollups_update" on "need";`);
    this.addSql(`drop function if exists "need_rollups_update_fn"();`);
  }
}
