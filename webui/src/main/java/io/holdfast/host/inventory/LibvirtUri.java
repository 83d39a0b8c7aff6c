package io.holdfast.host.inventory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which libvirt URIs an admin may register. libvirt URIs can do more than name a host: query parameters
 * such as {@code command=}, {@code netcat=} or {@code socket=} choose programs and sockets on this machine,
 * and the {@code test} driver reads any file named in the path. Only the QEMU driver is accepted, at
 * {@code /system} or {@code /session}, with no query and no fragment; remote transports need a host.
 */
final class LibvirtUri {

    private static final Set<String> REMOTE = Set.of("qemu+ssh", "qemu+tls", "qemu+tcp");
    private static final Set<String> PATHS = Set.of("/system", "/session");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9a-fA-F:]+]");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");

    private LibvirtUri() {
    }

    /** Why {@code text} is refused, or empty when it may be registered. */
    static Optional<String> problem(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URI");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("qemu") || REMOTE.contains(scheme))) {
            return Optional.of("must use the QEMU driver: qemu:///system, or qemu+ssh://, qemu+tls://, qemu+tcp:// with a host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || text.contains("?") || text.contains("#")) {
            return Optional.of("must not have parameters (?…): they can run programs on this machine");
        }
        if (!PATHS.contains(uri.getRawPath())) {
            return Optional.of("must end in /system or /session");
        }
        if (scheme.equals("qemu")) {
            return uri.getRawAuthority() == null ? Optional.empty() : Optional.of("qemu:// is this machine: write qemu:///system");
        }
        String host = uri.getHost();
        if (host == null || !HOST.matcher(host).matches()) {
            return Optional.of("needs a host name, e.g. qemu+ssh://root@hv1.example.com/system");
        }
        if (uri.getRawUserInfo() != null && !USER.matcher(uri.getRawUserInfo()).matches()) {
            return Optional.of("has an invalid user name");
        }
        return Optional.empty();
    }
}
