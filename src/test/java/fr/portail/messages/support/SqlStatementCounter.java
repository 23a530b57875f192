package fr.portail.messages.support;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Counts the SQL statements the current thread sends, by wrapping the application's {@link DataSource}: tests assert
 * that pages take a constant number of statements whatever their size. A request to the running server with the
 * header {@value #REQUEST_HEADER} has its statements recorded under the header's value ({@link #ofRequest}): the
 * session's read and write, the person, the page and its layout, everything the servlet container's thread sent.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SqlStatementCounter implements BeanPostProcessor {

    private static final Set<String> STATEMENT_FACTORIES = Set.of("prepareStatement", "createStatement", "prepareCall");
    private static final ThreadLocal<int[]> COUNT = ThreadLocal.withInitial(() -> new int[1]);
    /** The statements of the request this thread serves, while it carries {@value #REQUEST_HEADER}. */
    private static final ThreadLocal<List<String>> OF_REQUEST = new ThreadLocal<>();

    /** Runs {@code action} and returns how many statements it prepared on this thread. */
    public static int count(Runnable action) {
        int before = COUNT.get()[0];
        action.run();
        return COUNT.get()[0] - before;
    }

    public static <T> Counted<T> count(Supplier<T> action) {
        int before = COUNT.get()[0];
        T result = action.get();
        return new Counted<>(result, COUNT.get()[0] - before);
    }

    public record Counted<T>(T result, int statements) {}

    public static final String REQUEST_HEADER = "X-Test-Count-Statements";

    private static final Map<String, List<String>> PER_REQUEST = new ConcurrentHashMap<>();

    /**
     * The statements (their SQL) of the finished request that carried {@value #REQUEST_HEADER} with this value. The
     * client can have the whole answer a moment before the server's thread leaves the filter, hence the short wait.
     */
    public static List<String> ofRequest(String key) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> statements;
        while ((statements = PER_REQUEST.get(key)) == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        if (statements == null) {
            throw new AssertionError("no request counted as " + key);
        }
        return statements;
    }

    /** Outside every other filter, the session's included. */
    @Bean
    FilterRegistrationBean<Filter> statementsPerRequest() {
        Filter filter = (request, response, chain) -> {
            String key = ((HttpServletRequest) request).getHeader(REQUEST_HEADER);
            if (key == null) {
                chain.doFilter(request, response);
                return;
            }
            OF_REQUEST.set(new ArrayList<>());
            try {
                chain.doFilter(request, response);
            } finally {
                PER_REQUEST.put(key, List.copyOf(OF_REQUEST.get()));
                OF_REQUEST.remove();
            }
        };
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())) {
            return proxy(DataSource.class, dataSource, (target, method, args) -> {
                Object result = invoke(method, target, args);
                return result instanceof Connection connection ? countingConnection(connection) : result;
            });
        }
        return bean;
    }

    private static Connection countingConnection(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            if (STATEMENT_FACTORIES.contains(method.getName())) {
                COUNT.get()[0]++;
                List<String> ofRequest = OF_REQUEST.get();
                if (ofRequest != null) {
                    ofRequest.add(args == null || args.length == 0 ? "(statement)" : String.valueOf(args[0]));
                }
            }
            return invoke(method, target, args);
        });
    }

    private interface Handler<T> {
        Object handle(T target, java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
        InvocationHandler invocation = (proxy, method, args) -> {
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return invoke(method, target, args);
            }
            return handler.handle(target, method, args);
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, invocation);
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
