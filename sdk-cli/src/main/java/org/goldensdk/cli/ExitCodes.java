package org.goldensdk.cli;

import org.goldensdk.core.AuthenticationException;
import org.goldensdk.core.ConfigurationException;
import org.goldensdk.core.CryptoException;
import org.goldensdk.core.GoldenException;
import org.goldensdk.core.MalformedInputException;
import org.goldensdk.core.RemoteException;
import org.goldensdk.core.SignatureException;
import org.goldensdk.core.StorageException;
import org.goldensdk.core.TransportException;
import org.goldensdk.core.ValidationException;
import picocli.CommandLine;

/**
 * The exit codes of {@code golden}, and the one place that maps a failure to one of them
 * (documented in docs/cli.md).
 */
public final class ExitCodes {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** A verification failed or a value is invalid: a signature, a digest, a receipt, a citizen ID, a credit code. */
    public static final int INVALID = 1;
    /** The command line itself was wrong: unknown option, missing parameter, value of the wrong shape. */
    public static final int USAGE = 2;
    /** A local file, key store or credential could not be used: missing file, wrong password, unwritable directory. */
    public static final int LOCAL = 3;
    /** The remote side failed or refused: the hub or the receiver answered with an error, could not be reached, or did not answer in time. */
    public static final int REMOTE = 4;
    /** An unexpected failure: a bug; run again with {@code --verbose} and report the stack trace. */
    public static final int INTERNAL = 5;

    private ExitCodes() {
    }

    /** The exit code for a failure that ended a command. */
    public static int of(Throwable failure) {
        if (failure instanceof CommandFailure command) {
            return command.exitCode();
        }
        if (failure instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (failure instanceof GoldenException golden) {
            return ofGolden(golden);
        }
        if (failure instanceof java.io.IOException || failure instanceof java.io.UncheckedIOException) {
            return LOCAL;
        }
        return INTERNAL;
    }

    private static int ofGolden(GoldenException failure) {
        // whatever a remote party reported is the remote side's answer, whatever its kind
        if (failure.remote().isPresent() || failure instanceof RemoteException || failure instanceof TransportException) {
            return REMOTE;
        }
        if (failure instanceof SignatureException || failure instanceof ValidationException
                || failure instanceof MalformedInputException) {
            return INVALID;
        }
        if (failure instanceof ConfigurationException || failure instanceof StorageException
                || failure instanceof CryptoException || failure instanceof AuthenticationException) {
            return LOCAL;
        }
        return INTERNAL;
    }
}
