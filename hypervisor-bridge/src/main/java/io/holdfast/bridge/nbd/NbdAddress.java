package io.holdfast.bridge.nbd;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/** Where an NBD server listens: a Unix socket (what libvirt and qemu-nbd use here) or TCP. */
public record NbdAddress(SocketAddress address) {

    public static NbdAddress unix(Path socket) {
        return new NbdAddress(UnixDomainSocketAddress.of(socket));
    }

    public static NbdAddress tcp(String host, int port) {
        return new NbdAddress(new InetSocketAddress(host, port));
    }

    boolean isTcp() {
        return address instanceof InetSocketAddress;
    }

    @Override
    public String toString() {
        return address instanceof UnixDomainSocketAddress u ? "unix:" + u.getPath() : "tcp:" + address;
    }
}
