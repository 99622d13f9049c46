package normalize

import "testing"

// CleanURL removes a port only when it is the scheme's default.
func TestCleanURLPorts(t *testing.T) {
	tests := []struct{ name, ref, want string }{
		{"HTTPSOnPort80", "https://example.org:80/a", "https://example.org:80/a"},
		{"HTTPOnPort443", "http://example.org:443/a", "http://example.org:443/a"},
		{"DefaultPortHTTPS", "https://example.org:443/a", "https://example.org/a"},
		{"DefaultPortHTTP", "http://example.org:80/a", "http://example.org/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CleanURL("", tt.ref); got != tt.want {
				t.Errorf("CleanURL(%q) = %q, want %q", tt.ref, got, tt.want)
			}
		})
	}
}
