package org.goldensdk.bench.load;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Counts the database commits made through a data source: explicit {@link Connection#commit()} calls
 * plus every writing statement run in auto-commit mode (each is its own commit), and separately the
 * commits of transactions that wrote something (a commit after reads only is cheap but still a round
 * trip). Reads in auto-commit mode ({@code executeQuery}) are not counted. How the load driver
 * measures, rather than assumes, the commits per message of the sender's outbox and the receiver's inbox.
 */
final class CountingDataSource {
    private static final Set<String> WRITES = Set.of("executeUpdate", "executeLargeUpdate", "execute", "executeBatch",
            "executeLargeBatch");

    private final LongAdder commits = new LongAdder();
    private final LongAdder writingCommits = new LongAdder();
    private final DataSource proxy;

    CountingDataSource(DataSource target) {
        this.proxy = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (self, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection connection ? connection(connection) : result;
                });
    }

    DataSource dataSource() {
        return proxy;
    }

    long commits() {
        return commits.sum();
    }

    long writingCommits() {
        return writingCommits.sum();
    }

    void reset() {
        commits.reset();
        writingCommits.reset();
    }

    private Connection connection(Connection target) {
        boolean[] wrote = {false};
        InvocationHandler handler = (self, method, args) -> {
            String name = method.getName();
            if (name.equals("commit")) {
                commits.increment();
                if (wrote[0]) {
                    writingCommits.increment();
                }
            }
            if (name.equals("commit") || name.equals("rollback") || name.equals("close")) {
                wrote[0] = false;
            }
            Object result = invoke(target, method, args);
            return result instanceof Statement statement ? statement(statement, target, wrote) : result;
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private Statement statement(Statement target, Connection connection, boolean[] wrote) {
        Class<?>[] interfaces = target instanceof java.sql.CallableStatement
                ? new Class<?>[] {java.sql.CallableStatement.class}
                : target instanceof java.sql.PreparedStatement ? new Class<?>[] {java.sql.PreparedStatement.class}
                        : new Class<?>[] {Statement.class};
        return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), interfaces, (self, method, args) -> {
            if (WRITES.contains(method.getName())) {
                if (connection.getAutoCommit()) {
                    commits.increment();
                    writingCommits.increment();
                } else {
                    wrote[0] = true;
                }
            }
            return invoke(target, method, args);
        });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
