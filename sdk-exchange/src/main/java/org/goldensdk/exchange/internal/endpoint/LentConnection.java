package org.goldensdk.exchange.internal.endpoint;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The inbox's connection as a handler sees it while its transaction is open: statements work as on
 * the real connection, but ending or reshaping the transaction (commit, rollback, close, auto-commit,
 * isolation, read-only, abort) is refused, because the inbox commits the handler's writes together
 * with the "handled" mark. Once {@link #end()} is called, every statement the handler opened is
 * closed and the connection refuses all further use. Not thread-safe: a handler uses it on its own
 * thread.
 */
final class LentConnection {

    /** Methods that would end or reshape the transaction the inbox owns. */
    private static final Set<String> REFUSED = Set.of("commit", "rollback", "close", "setAutoCommit",
            "setTransactionIsolation", "setReadOnly", "abort", "setCatalog", "setSchema");

    private final Connection connection;
    private final List<Statement> statements = new ArrayList<>();
    private final Connection view;
    private boolean ended;

    LentConnection(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.view = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> invoke(proxy, method, arguments));
    }

    /** The guarded connection to hand to the handler. */
    Connection view() {
        return view;
    }

    /** Closes what the handler left open and makes the view unusable; the transaction itself is untouched. */
    void end() {
        ended = true;
        for (Statement statement : statements) {
            try {
                statement.close();
            } catch (SQLException e) {
                // A statement that cannot close leaves the transaction broken, which its commit reports;
                // throwing here would hide the handler's own exception.
            }
        }
        statements.clear();
    }

    private Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "equals":
                return proxy == arguments[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "inbox transaction connection" + (ended ? " (ended)" : "");
            case "isClosed":
                return ended || connection.isClosed();
            default:
                break;
        }
        if (ended) {
            throw new SQLException("the inbox transaction's connection is valid only during the handler call; it ended"
                    + " when the handler returned", "08003");
        }
        if (name.equals("rollback") && method.getParameterCount() == 1) {
            return forward(method, arguments); // rolling back to one's own savepoint keeps the transaction
        }
        if (REFUSED.contains(name)) {
            throw new SQLException("Connection." + name + " is refused inside the inbox transaction: the endpoint commits"
                    + " the handler's writes together with the message's handled mark, or rolls all back if the handler"
                    + " throws", "25000");
        }
        Object result = forward(method, arguments);
        if (result instanceof Statement statement) {
            statements.add(statement);
        }
        return result;
    }

    private Object forward(Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(connection, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
