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
 * plus every writing statement run in auto-commit mode (each is its own commit). Reads in
 * auto-commit mode ({@code executeQuery}) are not counted. How the load driver measures, rather than
 * assumes, the commits per message of the sender's outbox and the receiver's inbox.
 */
final class CountingDataSource {
    private static final Set<String> WRITES = Set.of("executeUpdate", "executeLargeUpdate", "execute", "executeBatch",
            "executeLargeBatch");

    private final LongAdder commits = new LongAdder();
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

    void reset() {
        commits.reset();
    }

    private Connection connection(Connection target) {
        InvocationHandler handler = (self, method, args) -> {
            if (method.getName().equals("commit")) {
                commits.increment();
            }
            Object result = invoke(target, method, args);
            return result instanceof Statement statement ? statement(statement, target) : result;
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private Statement statement(Statement target, Connection connection) {
        Class<?>[] interfaces = target instanceof java.sql.CallableStatement
                ? new Class<?>[] {java.sql.CallableStatement.class}
                : target instanceof java.sql.PreparedStatement ? new Class<?>[] {java.sql.PreparedStatement.class}
                        : new Class<?>[] {Statement.class};
        return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), interfaces, (self, method, args) -> {
            if (WRITES.contains(method.getName()) && connection.getAutoCommit()) {
                commits.increment();
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
