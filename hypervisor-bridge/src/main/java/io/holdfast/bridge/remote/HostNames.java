package io.holdfast.bridge.remote;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a server certificate names the host a client connected to (RFC 6125, as browsers do): an IP
 * address must be one of its IP entries; a name must match one of its DNS entries, where a leading
 * {@code *.} stands for exactly one label; the subject's CN counts only when there is no DNS entry.
 */
final class HostNames {

    private static final int DNS = 2;
    private static final int IP = 7;
    private static final Pattern CN = Pattern.compile("(?:^|,)\\s*CN=([^,]+)");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private HostNames() {
    }

    static boolean matches(X509Certificate certificate, String host) {
        String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        boolean ip = IPV4.matcher(h).matches() || h.contains(":");
        List<String> dns = entries(certificate, DNS);
        if (ip) {
            return entries(certificate, IP).stream().anyMatch(a -> a.equalsIgnoreCase(h));
        }
        List<String> names = dns.isEmpty() ? commonName(certificate) : dns;
        return names.stream().anyMatch(n -> nameMatches(n.toLowerCase(Locale.ROOT), h));
    }

    /** The names a certificate is for, for messages. */
    static List<String> names(X509Certificate certificate) {
        List<String> all = new ArrayList<>(entries(certificate, DNS));
        all.addAll(entries(certificate, IP));
        return all.isEmpty() ? commonName(certificate) : all;
    }

    private static boolean nameMatches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot + 1).equals(pattern.substring(2)) && pattern.substring(2).contains(".");
        }
        return pattern.equals(host);
    }

    private static List<String> entries(X509Certificate certificate, int type) {
        List<String> found = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && san.get(0) instanceof Integer t && t == type && san.get(1) instanceof String v) {
                        found.add(v);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unreadable SAN extension names nothing
        }
        return found;
    }

    private static List<String> commonName(X509Certificate certificate) {
        Matcher m = CN.matcher(certificate.getSubjectX500Principal().getName());
        return m.find() ? List.of(m.group(1).strip()) : List.of();
    }
}
