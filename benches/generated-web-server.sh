# Sourced by the benches that serve the generated web (benches/scrapy/run.sh,
# benches/national/kill-resume.sh): stopping the server started last, also on exit.
SERVER_PID=
stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill -INT "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=
    fi
}
trap stop_server EXIT
