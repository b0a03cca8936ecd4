package web

import (
	"net"
	"net/http"
	"strings"
)

// clientIP is who to count a login attempt against. Behind a reverse
// proxy on the same host every request comes from loopback; then the
// last address of X-Forwarded-For, the one the proxy itself added, names
// the client. A client cannot forge it: what it sends comes before.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return host
	}
	xff := r.Header.Values("X-Forwarded-For")
	if len(xff) == 0 {
		return host
	}
	parts := strings.Split(xff[len(xff)-1], ",")
	if last := strings.TrimSpace(parts[len(parts)-1]); net.ParseIP(last) != nil {
		return last
	}
	return host
}
