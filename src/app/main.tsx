import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ReportPage } from './report/ReportPage';
import { readReportParams } from './report/reportParams';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
const reportParams = readReportParams(window.location.search);
createRoot(root).render(<StrictMode>{reportParams ? <ReportPage params={reportParams} /> : <App />}</StrictMode>);
