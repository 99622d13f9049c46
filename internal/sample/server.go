package sample

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"strings"
	"time"
)

// ErrUnknownHost is returned by a Server's Transport for any host that is
// not part of the sample, so that nothing leaks to the real network.
var ErrUnknownHost = errors.New("host not in the sample")

// A Server serves the sample web on loopback: one plain HTTP listener and
// one TLS listener whose certificate covers every sample host. Start it with
// Start and release it with Close.
type Server struct {
	// HTTPAddr and HTTPSAddr are the loopback addresses of the listeners.
	HTTPAddr  string
	HTTPSAddr string

	hosts map[string]bool
	cert  *x509.Certificate
	plain *http.Server
	tls   *http.Server
}

// Start listens on two loopback ports (127.0.0.1:0) and serves Handler() on
// both, plain and TLS, with a fresh self-signed ECDSA certificate made for
// every sample host. The caller must Close the server.
func Start() (*Server, error) {
	c, err := load()
	if err != nil {
		return nil, err
	}
	hosts := c.hostNames()
	certDER, key, err := selfSigned(hosts, time.Now())
	if err != nil {
		return nil, fmt.Errorf("sample certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(certDER)
	if err != nil {
		return nil, fmt.Errorf("sample certificate: %w", err)
	}
	s := &Server{hosts: map[string]bool{}, cert: cert}
	for _, h := range hosts {
		s.hosts[h] = true
	}
	pl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("sample listen: %w", err)
	}
	tl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		pl.Close()
		return nil, fmt.Errorf("sample listen: %w", err)
	}
	s.HTTPAddr, s.HTTPSAddr = pl.Addr().String(), tl.Addr().String()
	tcfg := &tls.Config{
		Certificates: []tls.Certificate{{Certificate: [][]byte{certDER}, PrivateKey: key, Leaf: cert}},
		MinVersion:   tls.VersionTLS12,
	}
	// Handshake failures of clients that do not trust the certificate are
	// the client's error to report, not ours.
	quiet := log.New(io.Discard, "", 0)
	s.plain = &http.Server{Handler: c, ReadHeaderTimeout: 10 * time.Second, ErrorLog: quiet}
	s.tls = &http.Server{Handler: c, ReadHeaderTimeout: 10 * time.Second, TLSConfig: tcfg, ErrorLog: quiet}
	go s.plain.Serve(pl)
	go s.tls.Serve(tls.NewListener(tl, tcfg))
	return s, nil
}

// Close stops both listeners and closes open connections.
func (s *Server) Close() error {
	return errors.Join(s.plain.Close(), s.tls.Close())
}

// Certificate returns the server's self-signed certificate.
func (s *Server) Certificate() *x509.Certificate { return s.cert }

// Transport returns a new transport that sends every request for a sample
// host to the loopback listeners (port 443 and https to the TLS listener,
// anything else to the plain one), trusts only the server's certificate and
// fails with ErrUnknownHost for any other host. It never uses a proxy.
func (s *Server) Transport() *http.Transport {
	pool := x509.NewCertPool()
	pool.AddCert(s.cert)
	var d net.Dialer
	return &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, port, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, fmt.Errorf("sample dial %s: %w", addr, err)
			}
			if !s.hosts[strings.ToLower(host)] {
				return nil, fmt.Errorf("sample dial %s: %w", host, ErrUnknownHost)
			}
			target := s.HTTPAddr
			if port == "443" {
				target = s.HTTPSAddr
			}
			return d.DialContext(ctx, "tcp", target)
		},
		TLSClientConfig:     &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout: 10 * time.Second,
		MaxIdleConnsPerHost: 4,
		IdleConnTimeout:     30 * time.Second,
	}
}

// Client returns an http.Client that uses Transport.
func (s *Server) Client() *http.Client {
	return &http.Client{Transport: s.Transport(), Timeout: 30 * time.Second}
}

// selfSigned makes a self-signed ECDSA P-256 certificate, usable as its own
// root, for the given DNS names.
func selfSigned(hosts []string, now time.Time) ([]byte, *ecdsa.PrivateKey, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{Organization: []string{"framelens sample web"}, CommonName: "framelens sample"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(7 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		DNSNames:              hosts,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, err
	}
	return der, key, nil
}
