import { forwardRef, useEffect, useState } from 'react';

type Props = { url: string };

export const Preview = forwardRef<HTMLDivElement, Props>(function Preview(props, ref) {
  const [html, setHtml] = useState('');
  useEffect(() => {
    fetch(props.url)
      .then((response) => response.text())
      .then(setHtml);
  }, [props.url]);
  return <div ref={ref} dangerouslySetInnerHTML={{ __html: html }} />;
});

export function loadPreview(url: string, response?: { text(): Promise<string> }) {
  return response ? response.text() : fetch(url).then((res) => res.text());
}
