export function App() {
  return <button data-testid="read-mood">Read my mood</button>;
}
