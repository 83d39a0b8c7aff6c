package io.holdfast.plugin.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiRangeTest {

    @Test
    void containsIsHalfOpen() {
        ApiRange range = ApiRange.parse("[1.2,2.0)");
        String[][] table = {
                {"1.1", "false"}, {"1.2", "true"}, {"1.9", "true"}, {"2.0", "false"}, {"0.9", "false"},
        };
        for (String[] row : table) {
            assertThat(range.contains(ApiVersion.parse(row[0]))).as(row[0]).isEqualTo(Boolean.parseBoolean(row[1]));
        }
    }

    @Test
    void compatibleWithCoversTheMajor() {
        ApiRange range = ApiRange.compatibleWith(new ApiVersion(1, 0));
        assertThat(range).hasToString("[1.0,2.0)");
        assertThat(range.contains(ApiVersion.CURRENT)).isTrue();
    }

    @Test
    void badTextIsAClearError() {
        assertThatThrownBy(() -> ApiRange.parse("1.0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[MIN,MAX)");
        assertThatThrownBy(() -> ApiRange.parse("[2.0,1.0)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> ApiVersion.parse("x.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAJOR.MINOR");
    }

    @Test
    void pluginIdIsChecked() {
        assertThatThrownBy(() -> new PluginDescriptor("Bad Id", "x", "1", ApiRange.compatibleWith(ApiVersion.CURRENT)))
                .hasMessageContaining("plugin id 'Bad Id'");
    }
}
