package io.holdfast.bridge.testing;

/** A real server a test can stop (its connections drop, as in a crash) and start again on the same port. */
public interface RestartableServer extends AutoCloseable {

    void stop();

    /** Starts the server (again) and waits until it accepts connections. */
    void launch();

    /** Stops the server and deletes its files. */
    @Override
    void close();
}
