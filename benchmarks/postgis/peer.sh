#!/usr/bin/env bash
# The PostGIS peer of the engine benchmark: every conflicting pair of movements of different parties,
# the question `deconflict check` answers, asked of PostGIS the way a user who picked it would.
#
#   benchmarks/postgis/peer.sh MOVEMENTS.csv OUT_DIR
#
# MOVEMENTS.csv: id,party,separation_m,wkt (a LINESTRING M in WGS84 longitude/latitude, M = seconds
# since the epoch), no header; written by io.deconflict.bench.PostgisPeer.
# Installs Debian's postgresql-15-postgis-3 if missing, starts a throwaway cluster on a Unix socket
# in a temporary directory (no TCP listener), loads the movements projected to a local Lambert
# azimuthal equal-area plane centred on the region, builds a GiST n-D index (x, y, time), and times
# one query (ST_CPAWithin at the larger of the two separations). PEER_TABLE chooses what is indexed:
# "trajectories" (the default and the faster: one row per movement, its whole box grown by the
# separation) or "segments" (one row per trajectory segment from ST_DumpSegments, its box grown by
# the separation in x and y, pairs made distinct afterwards; 55 x slower on 3,000 movements of the
# bench's one-day workload, PostGIS 3.3.2: docs/benchmarks.md). Writes OUT_DIR/pairs.csv (a,b with a < b)
# and prints key=value lines: table, load_ms, index_ms, query_ms, pairs, postgis, plan. The cluster
# is removed on exit.
set -euo pipefail
csv=$(realpath "$1")
out=$(realpath -m "$2")
lat0=${PEER_LAT0:-36.8}
lon0=${PEER_LON0:-40.5}
table=${PEER_TABLE:-trajectories}
case "$table" in
  segments | trajectories) ;;
  *) echo "PEER_TABLE must be segments or trajectories, got '$table'" >&2; exit 2 ;;
esac
mkdir -p "$out"

bin=/usr/lib/postgresql/15/bin
if [ ! -x "$bin/initdb" ] || [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then
  echo "installing postgresql-15-postgis-3" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql-15-postgis-3 >&2
fi

dir=$(mktemp -d /tmp/postgis-peer.XXXXXX)
as=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as=(runuser -u postgres --)
fi
cleanup() {
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/log" -o \
  "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c shared_buffers=2GB -c work_mem=512MB -c maintenance_work_mem=1GB -c max_parallel_workers_per_gather=2 -c jit=off" \
  start >/dev/null
cp "$csv" "$dir/movements.csv"
chmod a+r "$dir/movements.csv"

psql() { "${as[@]}" "$bin/psql" -h "$dir" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

# Milliseconds reported by psql's \timing for the one statement in $1.
timed() {
  psql -c '\timing on' -c "$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
}

psql -c "CREATE EXTENSION postgis" >/dev/null
psql -c "CREATE TABLE raw (id text, party text, sep float8, wkt text)"
load_ms=$(timed "COPY raw FROM '$dir/movements.csv' WITH (FORMAT csv)")
proj="+proj=laea +lat_0=$lat0 +lon_0=$lon0 +datum=WGS84 +units=m +no_defs"
load_ms2=$(timed "CREATE TABLE m AS SELECT id, party, sep,
    ST_Transform(ST_GeomFromText(wkt, 4326), '$proj') AS traj FROM raw")
if [ "$table" = trajectories ]; then
  index_ms=$(timed "CREATE INDEX m_box ON m USING gist (ST_Expand(traj, sep) gist_geometry_ops_nd)")
  psql -c "ANALYZE m"
  join="FROM m a JOIN m b
    ON ST_Expand(a.traj, a.sep) &&& ST_Expand(b.traj, b.sep)
   AND a.id < b.id AND a.party <> b.party
   AND ST_CPAWithin(a.traj, b.traj, greatest(a.sep, b.sep))"
else
  # One row per segment: each box spans one segment's time, so the index pairs only segments that
  # overlap in time and (grown by the separations) in space; ST_CPAWithin then decides per segment
  # pair, and a movement pair is kept once.
  index_s=$(timed "CREATE TABLE s AS SELECT m.id, m.party, m.sep, d.geom AS seg
    FROM m, ST_DumpSegments(m.traj) d")
  index_ms=$(timed "CREATE INDEX s_box ON s USING gist (ST_Expand(seg, sep, sep, 0, 0) gist_geometry_ops_nd)")
  index_ms=$(awk -v a="$index_s" -v b="$index_ms" 'BEGIN { printf "%.3f", a + b }')
  psql -c "ANALYZE s"
  join="FROM s a JOIN s b
    ON ST_Expand(a.seg, a.sep, a.sep, 0, 0) &&& ST_Expand(b.seg, b.sep, b.sep, 0, 0)
   AND a.id < b.id AND a.party <> b.party
   AND ST_CPAWithin(a.seg, b.seg, greatest(a.sep, b.sep))"
fi
query_ms=$(timed "CREATE TABLE pairs AS SELECT DISTINCT a.id AS a, b.id AS b $join")
psql -c "COPY pairs TO '$dir/pairs.csv' WITH (FORMAT csv)"
cp "$dir/pairs.csv" "$out/pairs.csv"
echo "table=$table"
echo "load_ms=$(awk -v a="$load_ms" -v b="$load_ms2" 'BEGIN { printf "%.3f", a + b }')"
echo "index_ms=$index_ms"
echo "query_ms=$query_ms"
echo "pairs=$(psql -c 'SELECT count(*) FROM pairs')"
echo "postgis=$(psql -c 'SELECT postgis_lib_version()')"
echo "plan=$(psql -c "EXPLAIN SELECT DISTINCT a.id, b.id $join" | tr '\n' ' ' | tr -s ' ')"
