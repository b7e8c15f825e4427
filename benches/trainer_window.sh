#!/usr/bin/env bash
# Measures the trainer window under a virtual X server (Xvfb; with Mesa's lavapipe when no GPU
# is there). Builds nothing: give it the binaries.
#
#   cargo build --release && cargo build --release --example bare_window
#   benches/trainer_window.sh [idle|frames|startup|all]      (default: all)
#
# Environment (all optional):
#   CASEWORK_BIN   the trainer        (default target/release/casework)
#   BARE_BIN       the bare window    (default target/release/examples/bare_window)
#   BENCH_DISPLAY  X display to use   (default :97; an Xvfb 1280x800x24 is started there if
#                                      none answers, and stopped at the end)
#   CASE           the case scripted  (default idp-family-dnipro)
#   RUNS           runs per frame-time and start-up figure (default 5)
#   IDLE_SETTLE, IDLE_SECONDS          (default 5 and 20)
#   OUT            keep the raw figures here (default: a temporary folder, removed)
#
# What it prints:
#   idle    CPU of the trainer in % of one core over IDLE_SECONDS after IDLE_SETTLE, from
#           utime+stime in /proc/PID/stat, and the frames it drew meanwhile (frame log), on
#           the library screen and on a workspace (`casework open LOG` of an unfinished
#           session), unfocused and focused (xdotool windowfocus); and the same with
#           CASEWORK_IDLE_UNFIXED=1, the unfixed control (the idle filter left out).
#   frames  frame wall time p50/p95 (ms) of the trainer playing the case's good.choices at
#           --pace 1, and of the bare window, at 1280x800 and 1024x700: per-run figures, the
#           median over RUNS, and the ratio of the median p95s (trainer / bare).
#   startup process start to the first drawn screen (ms, the trainer's own
#           CASEWORK_STARTUP_LOG; median of RUNS) on the library screen and on a workspace,
#           and VmHWM / VmRSS from /proc/PID/status right after that frame.
# Frame logs and start-up lines come from casework::gui::perf (src/gui/perf.rs).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CASEWORK_BIN=${CASEWORK_BIN:-$ROOT/target/release/casework}
BARE_BIN=${BARE_BIN:-$ROOT/target/release/examples/bare_window}
BENCH_DISPLAY=${BENCH_DISPLAY:-:97}
CASE=${CASE:-idp-family-dnipro}
RUNS=${RUNS:-5}
IDLE_SETTLE=${IDLE_SETTLE:-5}
IDLE_SECONDS=${IDLE_SECONDS:-20}
WHAT=${1:-all}

for b in "$CASEWORK_BIN" "$BARE_BIN"; do
    [[ -x $b ]] || { echo "missing binary: $b (build it first)" >&2; exit 2; }
done
CHOICES=$ROOT/tests/paths/$CASE/good.choices
[[ -f $CHOICES ]] || { echo "missing $CHOICES" >&2; exit 2; }

if [[ -n ${OUT:-} ]]; then
    mkdir -p "$OUT"
    WORK=$OUT
    KEEP=1
else
    WORK=$(mktemp -d)
    KEEP=0
fi
export DISPLAY=$BENCH_DISPLAY XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp}
TICK=$(getconf CLK_TCK)
XVFB_PID=
APP_PID=

cleanup() {
    [[ -n $APP_PID ]] && kill "$APP_PID" 2>/dev/null || true
    [[ -n $XVFB_PID ]] && kill "$XVFB_PID" 2>/dev/null || true
    [[ $KEEP == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT

if ! xdpyinfo >/dev/null 2>&1 && ! xdotool getmouselocation >/dev/null 2>&1; then
    Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    sleep 2
fi

# p50 and p95 (nearest rank) of the numbers in a file, one a line.
percentiles() {
    sort -n "$1" | awk '{v[NR]=$1} END {
        if (NR == 0) { print "- -"; exit }
        i50 = int(NR * 0.50 + 0.999); i95 = int(NR * 0.95 + 0.999)
        printf "%.1f %.1f\n", v[i50], v[i95] }'
}

median() { sort -n | awk '{v[NR]=$1} END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR+1)/2]; else printf "%.1f\n", (v[NR/2]+v[NR/2+1])/2 }'; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

lines() { if [[ -f $1 ]]; then wc -l <"$1"; else echo 0; fi; }

stop_app() {
    if [[ -n $APP_PID ]]; then
        kill "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
        APP_PID=
    fi
}

# A data folder holding one unfinished session of $CASE (the script stops after 6 steps).
unfinished_session() {
    local data=$1
    mkdir -p "$data"
    head -n 8 "$CHOICES" >"$data/short.choices"
    "$CASEWORK_BIN" --data "$data" --script "$data/short.choices" --case "$CASE" --pace 1 \
        >"$data/script.out" 2>&1 || true
    ls "$data"/sessions/*.json | head -n 1
}

# idle LABEL ENV... -- ARGS...: CPU % and frames over IDLE_SECONDS, unfocused then focused.
idle_one() {
    local label=$1 focus=$2
    shift 2
    local log=$WORK/idle-frames.txt
    rm -f "$log"
    env CASEWORK_FRAME_LOG="$log" "$@" "$CASEWORK_BIN" "${APP_ARGS[@]}" >/dev/null 2>&1 &
    APP_PID=$!
    sleep 1
    if [[ $focus == focused ]]; then
        local win
        win=$(xdotool search --sync --name Casework | head -n 1)
        xdotool windowactivate "$win" 2>/dev/null || xdotool windowfocus --sync "$win"
    fi
    sleep "$((IDLE_SETTLE - 1))"
    local t0 f0 t1 f1
    t0=$(cpu_ticks "$APP_PID")
    f0=$(lines "$log")
    sleep "$IDLE_SECONDS"
    t1=$(cpu_ticks "$APP_PID")
    f1=$(lines "$log")
    stop_app
    awk -v l="$label" -v f="$focus" -v d="$((t1 - t0))" -v hz="$TICK" -v s="$IDLE_SECONDS" \
        -v n="$((f1 - f0))" \
        'BEGIN { printf "%-34s %-10s cpu %6.1f %%   frames %5d (%.1f/s)\n", l, f, 100 * d / hz / s, n, n / s }'
}

bench_idle() {
    echo "== idle: CPU over ${IDLE_SECONDS} s after ${IDLE_SETTLE} s (% of one core)"
    local data=$WORK/idle-data log
    log=$(unfinished_session "$data")
    local variant focus
    for variant in fixed unfixed; do
        local envs=()
        [[ $variant == unfixed ]] && envs=(CASEWORK_IDLE_UNFIXED=1)
        for focus in unfocused focused; do
            APP_ARGS=(--data "$data")
            idle_one "library ($variant)" "$focus" "${envs[@]}"
            APP_ARGS=(--data "$data" open "$log")
            idle_one "workspace, open LOG ($variant)" "$focus" "${envs[@]}"
        done
    done
}

# One run's p50/p95 from a frame log; prints "p50 p95 frames".
frame_run() {
    local log=$1
    echo "$(percentiles "$log") $(lines "$log")"
}

bench_frames() {
    echo "== frames: wall time per frame (ms), continuous update mode"
    local size w h
    for size in 1280x800 1024x700; do
        : >"$WORK/t95-$size" && : >"$WORK/b95-$size" && : >"$WORK/t50-$size" && : >"$WORK/b50-$size"
        for ((i = 1; i <= RUNS; i++)); do
            local tlog=$WORK/trainer-$size-$i.txt blog=$WORK/bare-$size-$i.txt
            rm -rf "$WORK/frames-data" "$tlog" "$blog"
            CASEWORK_FRAME_LOG=$tlog "$CASEWORK_BIN" --data "$WORK/frames-data" --window "$size" \
                --script "$CHOICES" --case "$CASE" --pace 1 >/dev/null 2>&1 || true
            CASEWORK_FRAME_LOG=$blog CASEWORK_EXIT_AFTER_FRAMES=200 CASEWORK_WINDOW=$size \
                "$BARE_BIN" >/dev/null 2>&1 || true
            read -r tp50 tp95 tn <<<"$(frame_run "$tlog")"
            read -r bp50 bp95 bn <<<"$(frame_run "$blog")"
            printf '%s run %d: trainer p50 %s p95 %s (%s frames) | bare p50 %s p95 %s (%s frames)\n' \
                "$size" "$i" "$tp50" "$tp95" "$tn" "$bp50" "$bp95" "$bn"
            echo "$tp50" >>"$WORK/t50-$size"
            echo "$tp95" >>"$WORK/t95-$size"
            echo "$bp50" >>"$WORK/b50-$size"
            echo "$bp95" >>"$WORK/b95-$size"
        done
        local t50 t95 b50 b95
        t50=$(median <"$WORK/t50-$size")
        t95=$(median <"$WORK/t95-$size")
        b50=$(median <"$WORK/b50-$size")
        b95=$(median <"$WORK/b95-$size")
        awk -v s="$size" -v a="$t50" -v b="$t95" -v c="$b50" -v d="$b95" 'BEGIN {
            printf "%s median: trainer p50 %s p95 %s | bare p50 %s p95 %s | p95 ratio %.2f (p50 ratio %.2f)\n",
                s, a, b, c, d, b / d, a / c }'
    done
}

# Start-up of one run: "ms VmHWM_kB VmRSS_kB" once the first drawn screen was presented.
startup_run() {
    local err=$WORK/startup.err
    : >"$err"
    CASEWORK_STARTUP_LOG=1 "$CASEWORK_BIN" "${APP_ARGS[@]}" >/dev/null 2>"$err" &
    APP_PID=$!
    local ms=
    for _ in $(seq 1 200); do
        ms=$(sed -n 's/^first frame drawn after \([0-9]*\) ms$/\1/p' "$err")
        [[ -n $ms ]] && break
        sleep 0.05
    done
    local hwm rss
    hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$APP_PID/status")
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$APP_PID/status")
    stop_app
    echo "${ms:--} $hwm $rss"
}

bench_startup() {
    echo "== start-up: process start to first drawn screen; memory right after it"
    local data=$WORK/startup-data log
    log=$(unfinished_session "$data")
    local where
    for where in library workspace; do
        if [[ $where == library ]]; then APP_ARGS=(--data "$data"); else APP_ARGS=(--data "$data" open "$log"); fi
        : >"$WORK/ms" && : >"$WORK/hwm" && : >"$WORK/rss"
        for ((i = 1; i <= RUNS; i++)); do
            read -r ms hwm rss <<<"$(startup_run)"
            echo "$where run $i: first frame drawn after $ms ms, VmHWM $((hwm / 1024)) MiB, VmRSS $((rss / 1024)) MiB"
            echo "$ms" >>"$WORK/ms"
            echo "$hwm" >>"$WORK/hwm"
            echo "$rss" >>"$WORK/rss"
        done
        printf '%s median: first frame drawn after %s ms, VmHWM %s MiB, VmRSS %s MiB\n' "$where" \
            "$(median <"$WORK/ms")" "$(($(median <"$WORK/hwm" | cut -d. -f1) / 1024))" \
            "$(($(median <"$WORK/rss" | cut -d. -f1) / 1024))"
    done
}

echo "trainer: $CASEWORK_BIN"
echo "bare:    $BARE_BIN"
echo "display: $DISPLAY; $(nproc) cores; renderer: $(vulkaninfo --summary 2>/dev/null | awk -F= '/deviceName/ {print $2; exit}' || true)"
case $WHAT in
    idle) bench_idle ;;
    frames) bench_frames ;;
    startup) bench_startup ;;
    all) bench_idle && bench_frames && bench_startup ;;
    *) echo "usage: $0 [idle|frames|startup|all]" >&2; exit 2 ;;
esac
