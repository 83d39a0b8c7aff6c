package io.holdfast.bridge.cli;

import io.holdfast.bridge.daemon.DaemonIdentity;
import io.holdfast.bridge.daemon.DaemonSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "fingerprint", mixinStandardHelpOptions = true,
        description = {"Show what the master needs to register this hypervisor's bridge daemon: its address, certificate "
                + "fingerprint and token (made now if the daemon has not started yet).",
                "The token is a secret: run this as the daemon's user (root) and paste it into the master's Hypervisors page."})
final class FingerprintCommand implements Callable<Integer> {

    @Option(names = "--config", description = "Settings file (default: ${DEFAULT-VALUE}).", defaultValue = "/etc/holdfast-bridge/bridge.conf")
    Path config;

    @Option(names = "--state-dir", description = "Certificate and token folder (overrides the file).")
    Path stateDir;

    @Override
    public Integer call() {
        DaemonSettings s = ServeCommand.settings(config, null, null, stateDir, null, null);
        DaemonIdentity identity = DaemonIdentity.loadOrCreate(s.stateDir());
        System.out.println("address:     https://" + hostName() + ":" + s.port());
        System.out.println("fingerprint: " + identity.fingerprint());
        System.out.println("token:       " + identity.token());
        return ExitCodes.OK;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getCanonicalHostName();
        } catch (java.io.IOException e) {
            return "THIS-HOST";
        }
    }
}
