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
server="$wlp/usr/servers/switchboard-bench"
rm -rf "$server"
mkdir -p "$server"
cp -r "$wlp/usr/servers/defaultServer/server.xml" "$wlp/usr/servers/defaultServer/apps" "$server/"
[ -d "$wlp/usr/servers/defaultServer/configDropins" ] && cp -r "$wlp/usr/servers/defaultServer/configDropins" "$server/"

echo "installing the peer servers"
(cd "$bench/peers" && npm ci --no-audit --no-fund --loglevel=error)

echo "building the load generator"
(cd "$bench" && mvn -q -B package)

# thousands of connections on both ends of loopback
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
