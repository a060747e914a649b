package io.connectops.devstack.junit;

import io.connectops.devstack.DevStack;
import io.connectops.devstack.KafkaLogging;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link DevStack} parameter: one real broker + one real Connect worker, started the
 * first time a test asks for it and shared by every test class of the JVM (stopped when JUnit ends).
 * Tests that need their own topology (several workers, a child JVM to kill) start a DevStack themselves.
 *
 * <p>Tests sharing the stack must not assume they are alone on it: use unique connector names.
 */
public final class DevStackExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DevStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == DevStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return extensionContext.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("shared-stack", key -> new SharedStack(), SharedStack.class)
                .stack;
    }

    /** Closed by JUnit when the root context closes, i.e. after the last test of the JVM. */
    private static final class SharedStack implements ExtensionContext.Store.CloseableResource {
        final DevStack stack;

        SharedStack() {
            KafkaLogging.quiet(false);
            stack = DevStack.start(DevStack.Options.ephemeral(1));
        }

        @Override
        public void close() {
            stack.close();
        }
    }
}
