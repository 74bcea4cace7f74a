#!/usr/bin/env bash
# The benchmark (docs/performance.md): builds Switchboard and the load generator, installs the peer servers
# from bench/peers/package-lock.json, then runs every scenario against every server, each on a fresh
# process on loopback. Arguments go to the generator, e.g. --quick, --repeats 1, --servers switchboard,floor,
# --scenarios relay,capacity. Results: bench/target/results/results.{md,json}.
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$bench")"

echo "building Switchboard, its Liberty server and Payara Micro"
(cd "$root" && mvn -q -B -DskipTests package liberty:create liberty:install-feature liberty:deploy dependency:copy@payara-micro)
wlp="$root/target/liberty/wlp"
# As the container image has it: server.xml and the WAR (not the build's test drop-ins or loose application).
server="$wlp/usr/servers/switchboard-bench"
rm -rf "$server"
mkdir -p "$server/apps"
cp "$root/src/main/liberty/config/server.xml" "$server/"
cp "$root/target/switchboard.war" "$server/apps/"

echo "building the floor's relay for Open Liberty"
(cd "$bench/liberty-floor" && mvn -q -B package)
floor="$wlp/usr/servers/floor-bench"
rm -rf "$floor"
mkdir -p "$floor/apps"
cp "$bench/liberty-floor/server.xml" "$floor/"
cp "$bench/liberty-floor/target/liberty-floor.war" "$floor/apps/"

echo "installing the peer servers"
(cd "$bench/peers" && npm ci --no-audit --no-fund --loglevel=error)

echo "building the load generator"
(cd "$bench" && mvn -q -B package)

# tens of thousands of connections on both ends of loopback (connections-20k): raise the hard limit if allowed
ulimit -Hn 65536 2>/dev/null || true
ulimit -n "$(ulimit -Hn)"

# With two or more cores: servers on CPU 0, the generator on the others, so that neither steals the other's time.
pin=()
server_cpus=()
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
    pin=(taskset -c "1-$(($(nproc) - 1))")
    server_cpus=(--server-cpus 0)
fi
cd "$bench"
exec "${pin[@]}" java -jar target/switchboard-bench.jar --bench-dir "$bench" --wlp "$wlp" "${server_cpus[@]}" "$@"
