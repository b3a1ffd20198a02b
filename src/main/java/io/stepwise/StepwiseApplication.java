package io.stepwise;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class StepwiseApplication {

    public static void main(String[] args) {
        SpringApplication.run(StepwiseApplication.class, args);
    }
}
