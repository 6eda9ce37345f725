interface ErrorMessageProps {
  message: string | undefined;
  id?: string;
}

/** An API or validation error, announced to screen readers as soon as it appears. */
export function ErrorMessage({ message, id }: ErrorMessageProps) {
  if (!message) return null;
  return (
    <p className="message message-error" role="alert" id={id}>
      {message}
    </p>
  );
}
