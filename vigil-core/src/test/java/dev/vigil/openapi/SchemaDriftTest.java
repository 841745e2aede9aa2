package dev.vigil.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDriftTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaDrift drift = new SchemaDrift();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private List<String> drifts(String observed, String documented) {
        return drift.compare(json(observed), json(documented)).stream()
                .map(d -> d.kind() + " " + d.location() + " " + d.message())
                .toList();
    }

    private static final String USER = """
            {'type':'object','required':['id'],'properties':{
              'id':{'type':'integer'},
              'name':{'type':'string'},
              'nickname':{'type':['string','null']},
              'score':{'type':'number'},
              'address':{'type':'object','properties':{'city':{'type':'string'}}},
              'tags':{'type':'array','items':{'type':'object','properties':{'label':{'type':'string'}}}}}}
            """;

    @Test
    void flagsNewNestedFieldsInObjectsAndArrays() {
        assertThat(drifts("""
                        {'type':'object','properties':{'id':{'type':'integer'},
                          'address':{'type':'object','properties':{'city':{'type':'string'},'geo':{'type':'string'}}},
                          'tags':{'type':'array','items':{'type':'object','properties':{'label':{'type':'string'},'color':{'type':'string'}}}},
                          'ssn':{'type':'string'}}}
                        """, USER))
                .containsExactly(
                        "DRIFT_NEW_FIELD $.address.geo field not in documented schema",
                        "DRIFT_NEW_FIELD $.ssn field not in documented schema",
                        "DRIFT_NEW_FIELD $.tags[].color field not in documented schema");
    }

    @Test
    void documentedFieldsAndMissingOptionalFieldsAreNotDrift() {
        assertThat(drifts("""
                        {'type':'object','properties':{'id':{'type':'integer'},
                          'address':{'type':'object','properties':{'city':{'type':'string'}}},
                          'tags':{'type':'array','items':{'type':'object','properties':{'label':{'type':'string'}}}}}}
                        """, USER)).isEmpty();
    }

    @Test
    void reportsAnUndocumentedSubtreeOnceAtItsRoot() {
        assertThat(drifts(
                        "{'type':'object','properties':{'id':{'type':'integer'},'profile':{'type':'object','properties':{'a':{'type':'string'},'b':{'type':'string'}}}}}",
                        USER))
                .containsExactly("DRIFT_NEW_FIELD $.profile field not in documented schema");
    }

    @Test
    void flagsTypeChanges() {
        assertThat(drifts("{'type':'object','properties':{'id':{'type':'string'},'name':{'type':'integer'}}}", USER))
                .containsExactly(
                        "DRIFT_TYPE_CHANGE $.id documented integer, observed string",
                        "DRIFT_TYPE_CHANGE $.name documented string, observed integer");
    }

    @Test
    void numberAcceptsIntegersButIntegerDoesNotAcceptDecimals() {
        assertThat(drifts("{'type':'object','properties':{'score':{'type':'integer'}}}", USER))
                .isEmpty();
        assertThat(drifts("{'type':'object','properties':{'id':{'type':'number'}}}", USER))
                .containsExactly("DRIFT_TYPE_CHANGE $.id documented integer, observed number");
    }

    @Test
    void nullIsDriftOnlyWhereTheDocumentationDoesNotAllowIt() {
        assertThat(drifts("{'type':'object','properties':{'nickname':{'type':['null','string']}}}", USER))
                .isEmpty();
        assertThat(drifts("{'type':'object','properties':{'name':{'type':['null','string']}}}", USER))
                .containsExactly("DRIFT_TYPE_CHANGE $.name documented string, observed null");
    }

    @Test
    void freeFormObjectsAndUntypedSchemasAcceptAnything() {
        assertThat(drifts("{'type':'object','properties':{'x':{'type':'string'}}}", "{'type':'object'}"))
                .isEmpty();
        assertThat(drifts("{'type':'object','properties':{'x':{'type':'string'}}}", "{}"))
                .isEmpty();
        assertThat(drifts(
                        "{'type':'object','properties':{'x':{'type':'string'}}}",
                        "{'type':'object','additionalProperties':false}"))
                .containsExactly("DRIFT_NEW_FIELD $.x field not in documented schema");
    }

    @Test
    void checksMapEntriesAgainstAdditionalPropertiesSchema() {
        String map = "{'type':'object','additionalProperties':{'type':'string'}}";
        assertThat(drifts("{'type':'object','properties':{'color':{'type':'string'}}}", map))
                .isEmpty();
        assertThat(drifts("{'type':'object','properties':{'size':{'type':'integer'}}}", map))
                .containsExactly("DRIFT_TYPE_CHANGE $.size documented string, observed integer");
    }

    @Test
    void picksTheOneOfBranchThatExplainsTraffic() {
        String pet = """
                {'oneOf':[
                  {'type':'object','properties':{'kind':{'type':'string'},'barks':{'type':'boolean'}}},
                  {'type':'object','properties':{'kind':{'type':'string'},'meows':{'type':'boolean'}}}]}
                """;
        assertThat(drifts("{'type':'object','properties':{'kind':{'type':'string'},'meows':{'type':'boolean'}}}", pet))
                .isEmpty();
        assertThat(drifts(
                        "{'type':'object','properties':{'kind':{'type':'string'},'meows':{'type':'boolean'},'wings':{'type':'integer'}}}",
                        pet))
                .containsExactly("DRIFT_NEW_FIELD $.wings field not in documented schema");
    }

    @Test
    void mergesAllOfBranches() {
        String merged = """
                {'allOf':[
                  {'type':'object','properties':{'id':{'type':'integer'}}},
                  {'type':'object','properties':{'name':{'type':'string'}}}]}
                """;
        assertThat(drifts("{'type':'object','properties':{'id':{'type':'integer'},'name':{'type':'string'}}}", merged))
                .isEmpty();
        assertThat(drifts("{'type':'object','properties':{'id':{'type':'integer'},'role':{'type':'string'}}}", merged))
                .containsExactly("DRIFT_NEW_FIELD $.role field not in documented schema");
    }

    @Test
    void readsObservedAlternativesSpreadOverAnyOf() {
        assertThat(drifts(
                        "{'anyOf':[{'type':'object','properties':{'id':{'type':'integer'}}},{'type':'object','properties':{'secret':{'type':'string'}}}]}",
                        USER))
                .containsExactly("DRIFT_NEW_FIELD $.secret field not in documented schema");
    }

    @Test
    void quotesFieldNamesThatAreNotPlainIdentifiers() {
        assertThat(drifts("{'type':'object','properties':{'a b':{'type':'string'}}}", USER))
                .containsExactly("DRIFT_NEW_FIELD $['a b'] field not in documented schema");
    }
}
