package io.holdfast.bridge.cli;

/** A failure the CLI reports in one sentence with a given exit code. */
final class CliException extends RuntimeException {

    final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }
}
