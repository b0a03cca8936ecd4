package web

// BoardFrames is how many standings the board's hub computed so far.
func BoardFrames(s *Server) int { return s.boardFrames() }
