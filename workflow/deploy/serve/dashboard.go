package serve

import "net/http"

func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request) error {
	return statusError(http.StatusNotImplemented, "todo")
}
