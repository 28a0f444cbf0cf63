package org.goldensdk.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of {@code golden}: its exit code and what it wrote. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GoldenCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Error output is one line, naming the command, without a stack trace. */
    boolean oneErrorLine() {
        return err.lines().count() == 1 && err.startsWith("golden") && !err.contains("\tat ");
    }
}
