package io.chainbeasts.engine.opencl;

/** No usable OpenCL platform or device (no library, no ICD, no device, or the program does not build). */
public final class OpenClUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OpenClUnavailableException(String message) {
        super(message);
    }

    public OpenClUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
