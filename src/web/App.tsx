import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { GUARDIAN_HOME, homePathFor, isGuardian } from './auth/navigation';
import { GuardianLayout, Layout, PublicLayout } from './components/Layout';
import { Loading } from './components/Loading';
import { ErrorMessage } from './components/ErrorMessage';

const LoginRoute = lazy(() => import('./routes/LoginRoute'));
const MyLessonsRoute = lazy(() => import('./routes/MyLessonsRoute'));
const LessonRoute = lazy(() => import('./routes/LessonRoute'));
const PupilsRoute = lazy(() => import('./routes/PupilsRoute'));
const PupilRoute = lazy(() => import('./routes/PupilRoute'));
const CompletenessRoute = lazy(() => import('./routes/CompletenessRoute'));
const ImportRoute = lazy(() => import('./routes/ImportRoute'));
const EarlyWarningRoute = lazy(() => import('./routes/EarlyWarningRoute'));
const TasksRoute = lazy(() => import('./routes/TasksRoute'));
const LadderRoute = lazy(() => import('./routes/LadderRoute'));
const StatisticsRoute = lazy(() => import('./routes/StatisticsRoute'));
const StatisticsPupilsRoute = lazy(() => import('./routes/StatisticsPupilsRoute'));
const RetentionRoute = lazy(() => import('./routes/RetentionRoute'));
const DataAccessRoute = lazy(() => import('./routes/DataAccessRoute'));
const UsersRoute = lazy(() => import('./routes/UsersRoute'));
const LeaveRequestsRoute = lazy(() => import('./routes/LeaveRequestsRoute'));
const MessagesRoute = lazy(() => import('./routes/MessagesRoute'));
const MessageSettingsRoute = lazy(() => import('./routes/MessageSettingsRoute'));
const CasesRoute = lazy(() => import('./routes/CasesRoute'));
const CaseRoute = lazy(() => import('./routes/CaseRoute'));
const NoticesRoute = lazy(() => import('./routes/NoticesRoute'));
const CaseOverviewRoute = lazy(() => import('./routes/CaseOverviewRoute'));
const RegionRoute = lazy(() => import('./routes/RegionRoute'));
const NotFoundRoute = lazy(() => import('./routes/NotFoundRoute'));
const GuardianChildrenRoute = lazy(() => import('./routes/GuardianChildrenRoute'));
const GuardianReportRoute = lazy(() => import('./routes/GuardianReportRoute'));
const GuardianReportsRoute = lazy(() => import('./routes/GuardianReportsRoute'));
const GuardianLeaveRoute = lazy(() => import('./routes/GuardianLeaveRoute'));
const GuardianMessagesRoute = lazy(() => import('./routes/GuardianMessagesRoute'));

/** Signed-in pages only: sends others to /login and back here afterwards. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { me, isChecking, checkError } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (isChecking)
    return (
      <main id="main" className="site-main">
        <Loading label={t('auth.checking')} />
      </main>
    );
  if (checkError)
    return (
      <main id="main" className="site-main">
        <ErrorMessage error={checkError} />
      </main>
    );
  if (!me) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}

/** Staff pages only: a guardian goes to the portal instead (the server refuses staff routes anyway). */
function RequireStaff({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  return me && isGuardian(me) ? <Navigate to={GUARDIAN_HOME} replace /> : <>{children}</>;
}

/** Portal pages only: staff go to their own start page. */
function RequireGuardian({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  return me && !isGuardian(me) ? <Navigate to="/" replace /> : <>{children}</>;
}

/** "/" shows today's lessons to teachers and mentors and sends other roles to their first page. */
function HomeRoute() {
  const { me } = useAuth();
  const target = me ? homePathFor(me) : null;
  return target ? <Navigate to={target} replace /> : <MyLessonsRoute />;
}

const page = (element: ReactNode) => <Suspense fallback={<Loading />}>{element}</Suspense>;

/** Router, session and the page table. Every page is its own lazily loaded chunk. */
export function App() {
  return (
    <AuthProvider>
      <BrowserRouter>
        <Routes>
          <Route element={<PublicLayout />}>
            <Route path="/login" element={page(<LoginRoute />)} />
          </Route>
          <Route
            element={
              <RequireAuth>
                <RequireGuardian>
                  <GuardianLayout />
                </RequireGuardian>
              </RequireAuth>
            }
          >
            <Route path="/guardian" element={page(<GuardianChildrenRoute />)} />
            <Route path="/guardian/report" element={page(<GuardianReportRoute />)} />
            <Route path="/guardian/reports" element={page(<GuardianReportsRoute />)} />
            <Route path="/guardian/leave" element={page(<GuardianLeaveRoute />)} />
            <Route path="/guardian/messages" element={page(<GuardianMessagesRoute />)} />
            <Route path="/guardian/*" element={page(<NotFoundRoute />)} />
          </Route>
          <Route
            element={
              <RequireAuth>
                <RequireStaff>
                  <Layout />
                </RequireStaff>
              </RequireAuth>
            }
          >
            <Route index element={page(<HomeRoute />)} />
            <Route path="/lessons/:lessonId" element={page(<LessonRoute />)} />
            <Route path="/pupils" element={page(<PupilsRoute />)} />
            <Route path="/pupils/:pupilId" element={page(<PupilRoute />)} />
            <Route path="/completeness" element={page(<CompletenessRoute />)} />
            <Route path="/early-warning" element={page(<EarlyWarningRoute />)} />
            <Route path="/tasks" element={page(<TasksRoute />)} />
            <Route path="/ladder" element={page(<LadderRoute />)} />
            <Route path="/statistics" element={page(<StatisticsRoute />)} />
            <Route path="/statistics/pupils" element={page(<StatisticsPupilsRoute />)} />
            <Route path="/leave-requests" element={page(<LeaveRequestsRoute />)} />
            <Route path="/messages" element={page(<MessagesRoute />)} />
            <Route path="/messages/settings" element={page(<MessageSettingsRoute />)} />
            <Route path="/cases" element={page(<CasesRoute />)} />
            <Route path="/cases/:caseId" element={page(<CaseRoute />)} />
            <Route path="/organiser/notices" element={page(<NoticesRoute />)} />
            <Route path="/organiser/cases" element={page(<CaseOverviewRoute />)} />
            <Route path="/region" element={page(<RegionRoute />)} />
            <Route path="/admin/import" element={page(<ImportRoute />)} />
            <Route path="/admin/retention" element={page(<RetentionRoute />)} />
            <Route path="/admin/data-access" element={page(<DataAccessRoute />)} />
            <Route path="/admin/users" element={page(<UsersRoute />)} />
            <Route path="*" element={page(<NotFoundRoute />)} />
          </Route>
        </Routes>
      </BrowserRouter>
    </AuthProvider>
  );
}
