package bot

import (
	"crypto/subtle"
	"log/slog"
	"net/http"
)

// WebhookAllowed checks a webhook request before its body is read: a POST
// whose header holds the secret (compared in constant time; an empty secret
// accepts nothing). Otherwise it answers 405 or 401, logs a wrong secret
// for platform, and returns false.
func WebhookAllowed(w http.ResponseWriter, r *http.Request, header, secret string, log *slog.Logger, platform string) bool {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return false
	}
	got := r.Header.Get(header)
	if secret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
		log.Warn(platform + " webhook request with a wrong secret token")
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return false
	}
	return true
}
