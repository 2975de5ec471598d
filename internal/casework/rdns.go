package casework

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/cdrtui/cdrtui/internal/store"
)

// Resolver turns an IP into host names; *net.Resolver is one. Tests give
// their own, so that no test ever reaches the network.
type Resolver interface {
	LookupAddr(ctx context.Context, addr string) ([]string, error)
}

// SystemResolver is the resolver of the operating system, used only when
// the analyst asks for reverse DNS.
func SystemResolver() Resolver { return net.DefaultResolver }

// DefaultRDNSTimeout bounds each reverse lookup.
const DefaultRDNSTimeout = 3 * time.Second

// rdnsParallel is how many lookups run at once.
const rdnsParallel = 8

// CachedNames returns what the case already knows of the given IPs'
// names (looked up earlier, on the analyst's request). It never touches
// the network.
func CachedNames(ctx context.Context, st interface {
	CachedRDNS(context.Context, []string) (map[string]store.RDNSEntry, error)
}, ips []string) (map[string]store.RDNSEntry, error) {
	return st.CachedRDNS(ctx, validIPs(ips))
}

// rdnsKeeper is a case that keeps reverse DNS answers: local, or on
// ClickHouse.
type rdnsKeeper interface {
	CachedRDNS(ctx context.Context, ips []string) (map[string]store.RDNSEntry, error)
	SaveRDNS(ctx context.Context, entries []store.RDNSEntry) error
	ReadOnly() bool
}

// LookupNames answers every IP from the case when it holds a final answer
// and asks r for the others (never asked, or asked and failed), at most
// eight at a time, each bounded by timeout; new answers are kept in the
// case with the time of the lookup (not on a read-only case). Strings that
// are not IP addresses are skipped.
func LookupNames(ctx context.Context, st rdnsKeeper, r Resolver, ips []string, timeout time.Duration) (map[string]store.RDNSEntry, error) {
	ips = validIPs(ips)
	have, err := st.CachedRDNS(ctx, ips)
	if err != nil {
		return nil, err
	}
	var ask []string
	for _, ip := range ips {
		if e, ok := have[ip]; !ok || !e.Final() {
			ask = append(ask, ip)
		}
	}
	if len(ask) == 0 {
		return have, nil
	}
	if timeout <= 0 {
		timeout = DefaultRDNSTimeout
	}
	results := make([]store.RDNSEntry, len(ask))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(rdnsParallel, len(ask)) {
		wg.Go(func() {
			for i := range next {
				results[i] = lookupOne(ctx, r, ask[i], timeout)
			}
		})
	}
	for i := range ask {
		select {
		case next <- i:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, e := range results {
		have[e.IP] = e
	}
	if !st.ReadOnly() {
		if err := st.SaveRDNS(ctx, results); err != nil {
			return nil, err
		}
	}
	return have, nil
}

func lookupOne(ctx context.Context, r Resolver, ip string, timeout time.Duration) store.RDNSEntry {
	lctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	names, err := r.LookupAddr(lctx, ip)
	e := store.RDNSEntry{IP: ip, LookedUpAt: time.Now().UTC().Unix()}
	var dnsErr *net.DNSError
	switch {
	case err == nil && len(names) > 0:
		e.Status = "ok"
		for _, n := range names {
			e.Names = append(e.Names, strings.TrimSuffix(n, "."))
		}
	case err == nil, errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		e.Status = "none"
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &dnsErr) && dnsErr.IsTimeout:
		e.Status, e.Detail = "timeout", "no answer within "+timeout.String()
	default:
		e.Status, e.Detail = "error", err.Error()
	}
	return e
}

// validIPs keeps the distinct strings that are IP addresses, in order.
func validIPs(ips []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ips {
		if _, err := netip.ParseAddr(s); err != nil || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}
