package dev.vigil.cli;

/** One-line descriptions of failures for the console: the message chain, without stack traces. */
final class Errors {
    private Errors() {}

    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (out.indexOf(message) >= 0) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(": ");
            }
            out.append(message);
        }
        return out.toString();
    }

    /**
     * Runs periodic background work; a failure is printed and swallowed so the next period tries
     * again (a scheduled task that throws is never run again).
     */
    static void reportAndContinue(String command, String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            System.err.println(command + ": " + what + " failed, will retry: " + describe(e));
        }
    }
}
