package dev.vigil.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataTypesDocTest {
    @Test
    void documentationListsEveryBuiltInTypeAndValidator() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "data-types.md"));
        for (DataType t : Classifier.builtIn().types()) {
            assertThat(doc).as(t.id()).contains("| `" + t.id() + "` |");
        }
        for (String v : Validators.names()) {
            assertThat(doc).as(v).contains("`" + v + "`");
        }
    }
}
