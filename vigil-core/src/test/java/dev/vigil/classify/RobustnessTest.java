package dev.vigil.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustnessTest {
    private static final Classifier CLASSIFIER = Classifier.builtIn();
    private static final Redactor REDACTOR = new Redactor(CLASSIFIER);
    private static final String ALPHABET = "0123456789abcdefABCDEF@.:-_+/= \t\n\"'{}[],;&%<>()*#!?xyzXYZé€\u0000";

    /** Random strings built from the characters validators branch on, plus mutations of real samples. */
    private static List<String> inputs() {
        Random random = new Random(20261123L);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(80);
            for (int j = 0; j < len; j++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            out.add(sb.toString());
        }
        for (Samples.Sample s : Samples.POSITIVES) {
            for (int i = 0; i < 4; i++) {
                char[] chars = s.value().toCharArray();
                chars[random.nextInt(chars.length)] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                out.add(new String(chars));
            }
        }
        return out;
    }

    @Test
    void classifyAndRedactNeverThrowOnHostileInput() {
        List<String> keys = List.of("", "card_number", "password", "phone", "dob", "email", "token", "ssn", "zip");
        for (String v : inputs()) {
            for (String k : keys) {
                assertThatCode(() -> CLASSIFIER.classify(k, v)).as(v).doesNotThrowAnyException();
            }
            assertThatCode(() -> REDACTOR.redactBody("text/plain", v)).as(v).doesNotThrowAnyException();
            assertThatCode(() -> REDACTOR.redactBody("application/json", v))
                    .as(v)
                    .doesNotThrowAnyException();
            assertThatCode(() -> REDACTOR.redactBody("application/x-www-form-urlencoded", v))
                    .as(v)
                    .doesNotThrowAnyException();
            assertThatCode(() -> REDACTOR.redactBody("multipart/form-data; boundary=a", v))
                    .as(v)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void classificationIsDeterministicAcrossThreads() throws InterruptedException {
        List<String> values =
                Samples.POSITIVES.stream().map(Samples.Sample::value).toList();
        List<List<Match>> expected =
                values.stream().map(v -> CLASSIFIER.classify("", v)).toList();
        Classifier fresh = Classifier.builtIn();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int round = 0; round < 5; round++) {
                        for (int i = 0; i < values.size(); i++) {
                            assertThat(fresh.classify("", values.get(i))).isEqualTo(expected.get(i));
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
    }
}
