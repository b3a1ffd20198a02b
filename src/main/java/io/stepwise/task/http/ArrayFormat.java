package io.stepwise.task.http;

/**
 * How URL encoding writes an array, as AWS's {@code Transform.RequestEncodingOptions.ArrayFormat}
 * names it; for {@code {"array": ["a", "b"]}}:
 */
enum ArrayFormat {
    /** {@code array[0]=a&array[1]=b} (the default) */
    INDICES,
    /** {@code array=a&array=b} */
    REPEAT,
    /** {@code array=a,b} */
    COMMAS,
    /** {@code array[]=a&array[]=b} */
    BRACKETS
}
