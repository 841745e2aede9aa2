package dev.vigil.cli;

import dev.vigil.demo.DemoApi;
import dev.vigil.demo.DemoConfig;
import dev.vigil.demo.DemoCredentials;
import dev.vigil.demo.DemoMode;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil demo-api}: serves the bundled demo API on loopback until stopped, to try the guard and scanner on. */
@Command(
        name = "demo-api",
        mixinStandardHelpOptions = true,
        description = "Serves the bundled demo API (Vigil Bank) on 127.0.0.1 until stopped (Ctrl-C).")
final class DemoApiCommand implements Callable<Integer> {
    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "9000",
            description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "secure",
            description = "secure or vulnerable (default: ${DEFAULT-VALUE}).")
    String mode;

    @Override
    public Integer call() throws Exception {
        DemoMode demoMode =
                switch (mode) {
                    case "secure" -> DemoMode.SECURE;
                    case "vulnerable" -> DemoMode.VULNERABLE;
                    default ->
                        throw new IllegalArgumentException("--mode must be secure or vulnerable, not '" + mode + "'");
                };
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        try (DemoApi api =
                DemoApi.start(DemoConfig.defaults().withMode(demoMode).withPort(port))) {
            System.err.printf(
                    "demo-api: %s mode on %s; users %s, %s (password %s), partner key %s%n",
                    mode,
                    api.baseUrl(),
                    DemoCredentials.NORTHWIND_CUSTOMER_1,
                    DemoCredentials.NORTHWIND_ADMIN,
                    DemoCredentials.PASSWORD,
                    DemoCredentials.PARTNER_API_KEY);
            stop.await();
        }
        return 0;
    }
}
