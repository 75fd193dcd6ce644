# Shared by bench/run-*: a work dir removed on exit, free loopback ports, fresh brokers, the tools' output.
# Sourced with the repository's root as the working directory.

if [ ! -f tools/target/nsq-tools.jar ] || [ ! -d tools/target/lib ] || [ ! -f broker/target/quarkus-app/quarkus-run.jar ]; then
  echo "building the broker and the tools (once): ./mvnw -q -pl broker,tools -am package -DskipTests" >&2
  ./mvnw -B -q -pl broker,tools -am package -DskipTests >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/nsq-bench.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

await_port() { # pid port what
  until (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; do
    kill -0 "$1" 2>/dev/null || { echo "$3 exited during start-up; its log:" >&2; cat "$work/$3.log" >&2; exit 1; }
    sleep 0.2
  done
}

stop() { # pid
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# start_broker <name> <java opts> [nsqd flags...]: bin/nsqd on free loopback ports, data in the work dir;
# sets broker_pid, broker (its TCP address) and broker_http
start_broker() {
  local name="$1" java_opts="$2"
  shift 2
  local tcp_port http_port
  tcp_port=$(free_port)
  http_port=$(free_port)
  mkdir -p "$work/$name-data"
  JAVA_OPTS="$java_opts" bin/nsqd --tcp-address="127.0.0.1:$tcp_port" --http-address="127.0.0.1:$http_port" \
    --data-path="$work/$name-data" "$@" > "$work/$name.log" 2>&1 &
  broker_pid=$!
  pids+=("$broker_pid")
  await_port "$broker_pid" "$tcp_port" "$name"
  await_port "$broker_pid" "$http_port" "$name"
  broker="127.0.0.1:$tcp_port"
  broker_http="127.0.0.1:$http_port"
}

# field <file> <line kind> <n>: from "messages: N - Xmsg/s - YMB/s" the N, X or Y
messages_field() {
  grep "$2.* messages: " "$1" | tail -1 | sed -E 's/.*messages: ([0-9]+) - ([0-9.]+)msg\/s - ([0-9.]+)MB\/s.*/\1 \2 \3/' | cut -d' ' -f"$3"
}

run_tool() { # log-name tool flags...
  local name="$1"
  shift
  if ! bin/"$@" > "$work/$name.out" 2> "$work/$name.err"; then
    echo "$1 failed:" >&2
    cat "$work/$name.err" >&2
    exit 1
  fi
  cat "$work/$name.err" >&2
}

rss_kib() { # pid field: a field of /proc/<pid>/status (VmHWM, VmRSS), in KiB
  awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"
}

mib() { # KiB -> MiB, one decimal
  awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'
}

# http <method> <host:port> <path>: the response's body, plain HTTP/1.0 over bash's /dev/tcp (no curl needed)
http() {
  local host="${2%:*}" port="${2##*:}"
  exec 3<>"/dev/tcp/$host/$port"
  printf '%s %s HTTP/1.0\r\nHost: %s\r\nContent-Length: 0\r\n\r\n' "$1" "$3" "$2" >&3
  sed '1,/^\r$/d' <&3
  exec 3<&-
}
